using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Flows.Authoring;

/// <summary>
/// Makes a short sample string that matches a JSON Schema <c>pattern</c>, so <c>flows forms check</c> can
/// fill a patterned string field that has no example. A small recursive-descent parser reads the regex
/// subset connector schemas use (anchors, literals and escapes, <c>.</c>, character classes and class
/// escapes, <c>\p{..}</c>, quantifiers, groups of every common kind, alternation, backreferences) and a
/// direct generator writes the shortest string it describes. Lookarounds are parsed and ignored during
/// generation; every candidate is verified against the real .NET regex before it is returned.
/// </summary>
public static class PatternSample
{
    /// <summary>No sample grows beyond this many characters.</summary>
    private const int LengthCap = 512;

    /// <summary>How many combinations of alternation choices are tried before giving up.</summary>
    private const int MaxAssignments = 64;

    /// <summary>
    /// Generation styles: 0 repeats one safe character, 1 cycles through varied characters, 2 also grows open
    /// repeats, 3 cycles starting one character later (so a leading "(?!a)" style lookahead is sidestepped).
    /// </summary>
    private const int StyleCount = 4;

    /// <summary>Deeper group nesting than this is given up on, so parsing and generation never exhaust the stack.</summary>
    private const int MaxDepth = 100;

    /// <summary>How many extra repetitions style 2 adds to a repeat with room to grow.</summary>
    private const int StyleGrowth = 8;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan SearchBudget = TimeSpan.FromSeconds(1);

    /// <summary>Characters tried first when a class or wildcard needs one, in order of preference.</summary>
    private const string PreferredCharacters = "aA0_-x";

    /// <summary>Characters a cycling style draws from, so lookahead-style patterns see letters of each case, digits and symbols.</summary>
    private const string CyclingCharacters = "aA0!@_-x.";

    /// <summary>Pad characters tried when an unanchored pattern needs a longer string.</summary>
    private const string PadCharacters = "a0x-";

    /// <summary>
    /// Returns a short string that matches <paramref name="pattern"/> (a JSON Schema pattern, evaluated by .NET
    /// <see cref="Regex"/> with <see cref="RegexOptions.None"/> and, as JSON Schema requires, not implicitly
    /// anchored), with a length within <paramref name="minLength"/> and <paramref name="maxLength"/> when they
    /// are given; or <see langword="null"/> when it cannot produce one (an invalid pattern, an unsupported
    /// construct, unsatisfiable bounds). The result is verified with <see cref="Regex.IsMatch(string)"/> under a
    /// 100 ms timeout before it is returned. Never throws.
    /// </summary>
    public static string? TryGenerate(string pattern, int? minLength = null, int? maxLength = null)
    {
        if (pattern is null)
        {
            return null;
        }

        var min = Math.Max(minLength ?? 0, 0);
        var max = Math.Min(maxLength ?? LengthCap, LengthCap);
        if (min > max)
        {
            return null;
        }

        try
        {
            var regex = new Regex(pattern, RegexOptions.None, MatchTimeout);
            var parser = new Parser(pattern);
            var root = parser.Parse();
            return new Search(root, parser.Alternations, regex, min, max).Run();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or RegexMatchTimeoutException or InvalidOperationException or OverflowException)
        {
            return null;
        }
    }

    private abstract class Node;

    /// <summary>Zero-width: anchors, word boundaries, lookarounds, comments, inline options.</summary>
    private sealed class Empty : Node
    {
        public static readonly Empty Instance = new();
    }

    /// <summary>One character: a literal, a class, a class escape or the wildcard. No primary means nothing matches it.</summary>
    private sealed class Atom(char? primary, string cycle) : Node
    {
        public char? Primary { get; } = primary;

        public string Cycle { get; } = cycle;
    }

    private sealed class Sequence(List<Node> items) : Node
    {
        public List<Node> Items { get; } = items;
    }

    private sealed class Alternation(List<Node> options, int id) : Node
    {
        public List<Node> Options { get; } = options;

        public int Id { get; } = id;
    }

    /// <summary>A quantified node; <see cref="Max"/> is -1 when unbounded.</summary>
    private sealed class Repeat(Node body, int min, int max) : Node
    {
        public Node Body { get; } = body;

        public int Min { get; } = min;

        public int Max { get; } = max;
    }

    /// <summary>A capturing group; <see cref="Keys"/> are the number and name a backreference may use.</summary>
    private sealed class Group(string? name) : Node
    {
        public string? Name { get; } = name;

        public Node Body { get; set; } = Empty.Instance;

        public List<string> Keys { get; } = [];
    }

    private sealed class Backreference(string key) : Node
    {
        public string Key { get; } = key;
    }

    /// <summary>Recursive-descent parser for the .NET regex subset; throws <see cref="FormatException"/> on what it does not support.</summary>
    private sealed class Parser(string pattern)
    {
        private readonly List<Group> _captures = [];
        private readonly Dictionary<string, Atom> _resolved = new(StringComparer.Ordinal);
        private int _position;
        private int _depth;

        public List<Alternation> Alternations { get; } = [];

        public Node Parse()
        {
            var root = ParseAlternation();
            if (_position < pattern.Length)
            {
                throw new FormatException("Unbalanced ')'.");
            }

            NumberCaptures();
            return root;
        }

        private bool AtEnd => _position >= pattern.Length;

        private char Current => AtEnd ? throw new FormatException("Unexpected end of pattern.") : pattern[_position];

        private bool Accept(char c)
        {
            if (!AtEnd && pattern[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        private bool Accept(string text)
        {
            if (string.CompareOrdinal(pattern, _position, text, 0, text.Length) == 0)
            {
                _position += text.Length;
                return true;
            }

            return false;
        }

        private Node ParseAlternation()
        {
            var options = new List<Node> { ParseSequence() };
            while (Accept('|'))
            {
                options.Add(ParseSequence());
            }

            if (options.Count == 1)
            {
                return options[0];
            }

            var alternation = new Alternation(options, Alternations.Count);
            Alternations.Add(alternation);
            return alternation;
        }

        private Node ParseSequence()
        {
            var items = new List<Node>();
            while (!AtEnd && pattern[_position] is not ('|' or ')'))
            {
                var atom = ParseAtom();
                while (TryParseQuantifier(out var min, out var max))
                {
                    atom = new Repeat(atom, min, max);
                }

                items.Add(atom);
            }

            return items.Count == 1 ? items[0] : new Sequence(items);
        }

        private bool TryParseQuantifier(out int min, out int max)
        {
            min = 0;
            max = -1;
            if (AtEnd)
            {
                return false;
            }

            switch (pattern[_position])
            {
                case '*':
                    _position++;
                    break;
                case '+':
                    min = 1;
                    _position++;
                    break;
                case '?':
                    max = 1;
                    _position++;
                    break;
                case '{':
                    if (!TryParseBraces(out min, out max))
                    {
                        return false;
                    }

                    break;
                default:
                    return false;
            }

            Accept('?');
            return true;
        }

        private bool TryParseBraces(out int min, out int max)
        {
            min = 0;
            max = -1;
            var close = pattern.IndexOf('}', _position);
            if (close < 0)
            {
                return false;
            }

            var body = pattern.AsSpan(_position + 1, close - _position - 1);
            var comma = body.IndexOf(',');
            var low = comma < 0 ? body : body[..comma];
            if (!int.TryParse(low, NumberStyles.None, CultureInfo.InvariantCulture, out min))
            {
                return false;
            }

            if (comma < 0)
            {
                max = min;
            }
            else if (comma + 1 < body.Length && !int.TryParse(body[(comma + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out max))
            {
                return false;
            }

            _position = close + 1;
            return true;
        }

        private Node ParseAtom()
        {
            var c = Current;
            switch (c)
            {
                case '(':
                    _position++;
                    return ParseGroup();
                case '[':
                    var end = ScanClass(_position);
                    var text = pattern[_position..end];
                    _position = end;
                    return Resolve(text);
                case '.':
                    _position++;
                    return Resolve(".");
                case '^' or '$':
                    _position++;
                    return Empty.Instance;
                case '\\':
                    _position++;
                    return ParseEscape();
                case '*' or '+' or '?':
                    throw new FormatException("Quantifier following nothing.");
                default:
                    _position++;
                    return Literal(c);
            }
        }

        private Node ParseGroup()
        {
            if (!Accept('?'))
            {
                var capture = new Group(null);
                _captures.Add(capture);
                capture.Body = ParseGroupBody();
                return capture;
            }

            if (Accept(':') || Accept('>'))
            {
                return ParseGroupBody();
            }

            if (Accept('=') || Accept('!') || Accept("<=") || Accept("<!"))
            {
                // Lookarounds take no room: parse them (for group numbering) and rely on verification.
                var mark = Alternations.Count;
                ParseGroupBody();
                Alternations.RemoveRange(mark, Alternations.Count - mark);
                return Empty.Instance;
            }

            if (Accept('#'))
            {
                var close = pattern.IndexOf(')', _position);
                _position = close < 0 ? throw new FormatException("Unterminated comment.") : close + 1;
                return Empty.Instance;
            }

            if (Accept('<') || Accept('\''))
            {
                var terminator = pattern[_position - 1] == '<' ? '>' : '\'';
                var name = ReadName(terminator);
                var named = new Group(name);
                _captures.Add(named);
                named.Body = ParseGroupBody();
                return named;
            }

            return ParseInlineOptions();
        }

        private Node ParseInlineOptions()
        {
            var start = _position;
            while (!AtEnd && pattern[_position] is 'i' or 'm' or 'n' or 's' or 'x' or '-')
            {
                _position++;
            }

            var options = pattern.AsSpan(start, _position - start);
            var dash = options.IndexOf('-');
            var enabled = dash < 0 ? options : options[..dash];
            if (options.IsEmpty || enabled.Contains('x'))
            {
                // Conditionals, balancing groups and free-spacing mode are out of scope.
                throw new FormatException("Unsupported group construct.");
            }

            if (Accept(')'))
            {
                return Empty.Instance;
            }

            if (Accept(':'))
            {
                return ParseGroupBody();
            }

            throw new FormatException("Unsupported group construct.");
        }

        private Node ParseGroupBody()
        {
            if (++_depth > MaxDepth)
            {
                throw new FormatException("Groups nest too deeply.");
            }

            var body = ParseAlternation();
            _depth--;
            if (!Accept(')'))
            {
                throw new FormatException("Missing ')'.");
            }

            return body;
        }

        private string ReadName(char terminator)
        {
            var close = pattern.IndexOf(terminator, _position);
            if (close <= _position)
            {
                throw new FormatException("Bad group name.");
            }

            var name = pattern[_position..close];
            foreach (var c in name)
            {
                if (!char.IsLetterOrDigit(c) && c != '_')
                {
                    throw new FormatException("Unsupported group name.");
                }
            }

            _position = close + 1;
            return name;
        }

        /// <summary>Index just past the class that opens at <paramref name="start"/>, following .NET's rules (a leading ']' is literal, "-[" subtracts).</summary>
        private int ScanClass(int start)
        {
            var i = start + 1;
            if (i < pattern.Length && pattern[i] == '^')
            {
                i++;
            }

            var first = true;
            while (i < pattern.Length)
            {
                var c = pattern[i];
                if (c == ']' && !first)
                {
                    return i + 1;
                }

                first = false;
                if (c == '\\')
                {
                    i = SkipClassEscape(i);
                }
                else if (c == '-' && i + 1 < pattern.Length && pattern[i + 1] == '[')
                {
                    i = ScanClass(i + 1);
                }
                else
                {
                    i++;
                }
            }

            throw new FormatException("Unterminated character class.");
        }

        private int SkipClassEscape(int backslash)
        {
            var i = backslash + 1;
            if (i < pattern.Length && pattern[i] is 'p' or 'P' && i + 1 < pattern.Length && pattern[i + 1] == '{')
            {
                var close = pattern.IndexOf('}', i);
                return close < 0 ? throw new FormatException("Unterminated \\p{...}.") : close + 1;
            }

            return i + 1;
        }

        private Node ParseEscape()
        {
            var c = Current;
            _position++;
            switch (c)
            {
                case 'd' or 'D' or 'w' or 'W' or 's' or 'S':
                    return Resolve("\\" + c);
                case 'p' or 'P':
                    if (!Accept('{'))
                    {
                        throw new FormatException("Malformed \\p.");
                    }

                    var close = pattern.IndexOf('}', _position);
                    if (close < 0)
                    {
                        throw new FormatException("Malformed \\p.");
                    }

                    var category = pattern[_position..close];
                    _position = close + 1;
                    return Resolve("\\" + c + "{" + category + "}");
                case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                    return Empty.Instance;
                case 'k':
                    if (Accept('<'))
                    {
                        return new Backreference(NormaliseKey(ReadName('>')));
                    }

                    if (Accept('\''))
                    {
                        return new Backreference(NormaliseKey(ReadName('\'')));
                    }

                    throw new FormatException("Malformed \\k.");
                case >= '1' and <= '9':
                    var start = _position - 1;
                    while (!AtEnd && char.IsAsciiDigit(pattern[_position]))
                    {
                        _position++;
                    }

                    return new Backreference(NormaliseKey(pattern[start.._position]));
                case '0':
                    var octal = 0;
                    for (var digits = 0; digits < 2 && !AtEnd && pattern[_position] is >= '0' and <= '7'; digits++)
                    {
                        octal = (octal * 8) + (pattern[_position++] - '0');
                    }

                    return Literal((char)octal);
                case 'n':
                    return Literal('\n');
                case 't':
                    return Literal('\t');
                case 'r':
                    return Literal('\r');
                case 'f':
                    return Literal('\f');
                case 'v':
                    return Literal('\v');
                case 'e':
                    return Literal('\u001B');
                case 'a':
                    return Literal('\a');
                case 'x':
                    return Literal(ReadHex(2));
                case 'u':
                    return Literal(ReadHex(4));
                case 'c':
                    var control = Current;
                    _position++;
                    return char.IsAsciiLetter(control) ? Literal((char)(control & 0x1F)) : throw new FormatException("Malformed \\c.");
                default:
                    return Literal(c);
            }
        }

        private char ReadHex(int digits)
        {
            if (_position + digits > pattern.Length
                || !int.TryParse(pattern.AsSpan(_position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException("Malformed hex escape.");
            }

            _position += digits;
            return (char)value;
        }

        private static string NormaliseKey(string key) =>
            int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number.ToString(CultureInfo.InvariantCulture) : key;

        private static Atom Literal(char c) => new(c, c.ToString());

        /// <summary>A single-character construct resolved by asking .NET which candidate characters it matches.</summary>
        private Atom Resolve(string text)
        {
            if (_resolved.TryGetValue(text, out var known))
            {
                return known;
            }

            var probe = new Regex(@"\A(?:" + text + @")\z", RegexOptions.None, MatchTimeout);
            char? primary = null;
            foreach (var candidate in Candidates())
            {
                if (probe.IsMatch(candidate.ToString()))
                {
                    primary = candidate;
                    break;
                }
            }

            var cycle = new StringBuilder();
            foreach (var candidate in CyclingCharacters)
            {
                if (cycle.Length < 4 && probe.IsMatch(candidate.ToString()))
                {
                    cycle.Append(candidate);
                }
            }

            if (cycle.Length == 0 && primary is { } only)
            {
                cycle.Append(only);
            }

            var atom = new Atom(primary, cycle.ToString());
            _resolved[text] = atom;
            return atom;
        }

        private static IEnumerable<char> Candidates()
        {
            foreach (var c in PreferredCharacters)
            {
                yield return c;
            }

            for (var c = ' '; c <= '~'; c++)
            {
                yield return c;
            }

            for (var c = '\u00A0'; c < '\uFFFE'; c++)
            {
                if (!char.IsSurrogate(c))
                {
                    yield return c;
                }
            }

            for (var c = '\0'; c < ' '; c++)
            {
                yield return c;
            }

            for (var c = '\u007F'; c < '\u00A0'; c++)
            {
                yield return c;
            }
        }

        /// <summary>.NET numbers unnamed groups first, then named ones (a numeric name keeps its number).</summary>
        private void NumberCaptures()
        {
            var next = 1;
            foreach (var group in _captures.Where(g => g.Name is null))
            {
                group.Keys.Add((next++).ToString(CultureInfo.InvariantCulture));
            }

            foreach (var group in _captures.Where(g => g.Name is not null))
            {
                var name = NormaliseKey(group.Name!);
                group.Keys.Add(name);
                if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    group.Keys.Add((next++).ToString(CultureInfo.InvariantCulture));
                }
            }
        }
    }

    /// <summary>Writes the string a parsed pattern describes for one choice of alternatives and one style.</summary>
    private sealed class Generator(int[] choices, int style, int extra)
    {
        private readonly StringBuilder _text = new();
        private readonly Dictionary<string, string> _captures = new(StringComparer.Ordinal);
        private int _extra = extra;
        private bool _extending;

        public string? Run(Node root) => Emit(root) && _text.Length <= LengthCap ? _text.ToString() : null;

        private bool Emit(Node node)
        {
            if (_text.Length > LengthCap)
            {
                return false;
            }

            switch (node)
            {
                case Atom atom:
                    if (atom.Primary is not { } primary)
                    {
                        return false;
                    }

                    _text.Append(style == 0 ? primary : atom.Cycle[(_text.Length + (style == 3 ? 1 : 0)) % atom.Cycle.Length]);
                    return true;
                case Sequence sequence:
                    foreach (var item in sequence.Items)
                    {
                        if (!Emit(item))
                        {
                            return false;
                        }
                    }

                    return true;
                case Alternation alternation:
                    return Emit(alternation.Options[choices[alternation.Id]]);
                case Group group:
                    var start = _text.Length;
                    if (!Emit(group.Body))
                    {
                        return false;
                    }

                    var captured = _text.ToString(start, _text.Length - start);
                    foreach (var key in group.Keys)
                    {
                        _captures[key] = captured;
                    }

                    return true;
                case Backreference reference:
                    if (_captures.TryGetValue(reference.Key, out var text))
                    {
                        _text.Append(text);
                    }

                    return true;
                case Repeat repeat:
                    return EmitRepeat(repeat);
                default:
                    return true;
            }
        }

        private bool EmitRepeat(Repeat repeat)
        {
            var open = repeat.Max < 0 || repeat.Max > repeat.Min;
            var target = style == 2 && open
                ? (repeat.Max < 0 ? repeat.Min + StyleGrowth : Math.Min(repeat.Max, repeat.Min + StyleGrowth))
                : repeat.Min;
            var count = 0;
            while (count < target)
            {
                var before = _text.Length;
                if (!Emit(repeat.Body))
                {
                    _text.Length = before;
                    return count >= repeat.Min;
                }

                count++;
                if (_text.Length == before)
                {
                    // A zero-width body: every further repetition is the same nothing.
                    return true;
                }
            }

            // Grow toward a minimum length here, unless an enclosing repeat is already growing.
            if (_extending || _extra <= 0 || !open)
            {
                return true;
            }

            _extending = true;
            while (_extra > 0 && (repeat.Max < 0 || count < repeat.Max) && _text.Length <= LengthCap)
            {
                var before = _text.Length;
                if (!Emit(repeat.Body))
                {
                    _text.Length = before;
                    break;
                }

                var added = _text.Length - before;
                if (added == 0)
                {
                    break;
                }

                _extra -= added;
                count++;
            }

            _extending = false;
            return true;
        }
    }

    /// <summary>Tries alternation choices and styles in order until a candidate verifies, within a time budget.</summary>
    private sealed class Search(Node root, List<Alternation> alternations, Regex regex, int min, int max)
    {
        private readonly HashSet<string> _tried = new(StringComparer.Ordinal);
        private bool _timedOut;

        public string? Run()
        {
            var clock = Stopwatch.StartNew();
            var choices = new int[alternations.Count];
            for (var assignment = 0; assignment < MaxAssignments; assignment++)
            {
                for (var style = 0; style < StyleCount; style++)
                {
                    if (clock.Elapsed > SearchBudget)
                    {
                        return null;
                    }

                    var found = TryStyle(choices, style);
                    if (found is not null || _timedOut)
                    {
                        return found;
                    }
                }

                if (!Advance(choices))
                {
                    break;
                }
            }

            return null;
        }

        private bool Advance(int[] choices)
        {
            for (var i = choices.Length - 1; i >= 0; i--)
            {
                if (++choices[i] < alternations[i].Options.Count)
                {
                    return true;
                }

                choices[i] = 0;
            }

            return false;
        }

        private string? TryStyle(int[] choices, int style)
        {
            var shortest = new Generator(choices, style, 0).Run(root);
            if (shortest is null)
            {
                return null;
            }

            var candidates = new List<string>();
            if (shortest.Length < min)
            {
                var grown = new Generator(choices, style, min - shortest.Length).Run(root);
                if (grown is not null)
                {
                    candidates.Add(grown);
                    AddPadded(candidates, grown);
                }

                AddPadded(candidates, shortest);
            }
            else
            {
                candidates.Add(shortest);
            }

            foreach (var candidate in candidates)
            {
                if (candidate.Length >= min && candidate.Length <= max && _tried.Add(candidate) && Matches(candidate))
                {
                    return candidate;
                }

                if (_timedOut)
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>An unanchored pattern still matches with characters around its match.</summary>
        private void AddPadded(List<string> candidates, string text)
        {
            var need = min - text.Length;
            if (need <= 0)
            {
                return;
            }

            foreach (var pad in PadCharacters)
            {
                candidates.Add(text + new string(pad, need));
            }

            foreach (var pad in PadCharacters)
            {
                candidates.Add(new string(pad, need) + text);
            }
        }

        private bool Matches(string candidate)
        {
            try
            {
                return regex.IsMatch(candidate);
            }
            catch (RegexMatchTimeoutException)
            {
                _timedOut = true;
                return false;
            }
        }
    }
}

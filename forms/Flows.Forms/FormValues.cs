namespace Flows.Forms;

/// <summary>
/// Values as a form posts them: flat names (<see cref="FormPath"/>) to one or more strings. Comes from
/// an HTML form post, from terminal prompts, or from <see cref="FormBinder.Unbind"/>.
/// </summary>
public sealed class FormValues
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    /// <summary>The post names that have at least one value.</summary>
    public IEnumerable<string> Names => _values.Keys;

    /// <summary>How many post names have values.</summary>
    public int Count => _values.Count;

    /// <summary>Adds <paramref name="value"/> after any already posted under <paramref name="name"/>.</summary>
    /// <param name="name">The post name.</param>
    /// <param name="value">The value, as text.</param>
    /// <returns>These values, so that calls can be chained.</returns>
    public FormValues Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            _values[name] = list = [];
        }

        list.Add(value);
        return this;
    }

    /// <summary>Whether anything was posted under <paramref name="name"/> itself.</summary>
    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>The last value posted under <paramref name="name"/> (a checkbox after its hidden "false").</summary>
    public string? Last(string name) => _values.TryGetValue(name, out var list) && list.Count > 0 ? list[^1] : null;

    /// <summary>Every value posted under <paramref name="name"/>, in order; empty when there is none.</summary>
    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    /// <summary>The row numbers posted for the list at <paramref name="listPath"/>, ascending.</summary>
    public IReadOnlyList<int> RowsOf(string listPath)
    {
        var prefix = listPath + "[";
        var rows = new SortedSet<int>();
        foreach (var name in _values.Keys)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                var end = name.IndexOf(']', prefix.Length);
                if (end > prefix.Length && int.TryParse(name.AsSpan(prefix.Length, end - prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row))
                {
                    rows.Add(row);
                }
            }
        }

        return [.. rows];
    }

    /// <summary>Whether anything was posted at or below <paramref name="path"/>.</summary>
    public bool AnyUnder(string path) =>
        _values.Keys.Any(n => n.StartsWith(path, StringComparison.Ordinal)
            && (n.Length == path.Length || n[path.Length] is '.' or '[' or '@'));

    /// <summary>
    /// Whether everything posted at or below <paramref name="path"/> is what an untouched row posts:
    /// empty inputs, unticked checkboxes and option choices.
    /// </summary>
    public bool NothingTypedUnder(string path) =>
        _values.Where(p => FormPath.IsAtOrUnder(p.Key, path))
            .All(p => p.Key.EndsWith('@') || p.Value.All(v => v.Length == 0 || v == "false"));

    /// <summary>A copy without anything posted at or below <paramref name="path"/> (a list row being removed).</summary>
    public FormValues Without(string path)
    {
        var copy = new FormValues();
        foreach (var (name, list) in _values)
        {
            if (!FormPath.IsAtOrUnder(name, path))
            {
                foreach (var value in list)
                {
                    copy.Add(name, value);
                }
            }
        }

        return copy;
    }

    /// <summary>A copy of all values, by post name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToDictionary() =>
        _values.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
}

using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;

namespace Flows.Forms.Tests.PropertyBased;

/// <summary>Generated property names, typed text and JSON values, hostile ones included, for property tests.</summary>
internal static class GeneratedJson
{
    public static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Plain identifiers, names that look like flat form paths, and odd unicode.
    public static readonly string[] NastyNames =
    [
        "a.b", "list[0]", "x[]", "auth@1", "auth@1.token", "x!clear", "$label", "$ref", "~", "~0", "~1", "a~b", "a b", " lead", "trail ",
        "-1", "0", "1", "+2", "@", "!", "$", ".", "[", "]", "[]", "/", "a/b", "ünïcödé", "名前", "Ж", "🚀", "emoji 🎉.x", "ǅ", "properties", "required", "null", string.Empty,
    ];

    public static readonly string[] NameTokens = ["a", "b", "ß", "é", "中", "Ж", ".", "[", "]", "@", "!", "$", "~", " ", "/", "-", "0", "7", "🚀", "🎉", "\u00A0"];

    // Text typed into a form: varied, with unicode and mask characters, but never the property tests' secret canary (\u2603).
    public const string TextAlphabet = "abcxyzABCXYZ0189 .,-_:/@#%&*()'\"\\\t\nßäöüéñçЖж中文日本語ΩΣ•●";

    public static readonly Gen<string> Identifier =
        Gen.Select(Gen.Char["abcdefghijklmnopqrstuvwxyz"], Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"], 0, 10], (c, rest) => c + rest);

    public static readonly Gen<string> TokenName = Gen.OneOf(NameTokens).Array[1, 5].Select(string.Concat);

    public static readonly Gen<string> NumericName = Gen.OneOf("-1", "-2", "-10", "0", "1", "2", "12", "+1", " 1", "-0", "99999999999");

    /// <summary>Property names as real schemas have them, with a good share of hostile ones.</summary>
    public static readonly Gen<string> Name = Frequency((12, Identifier), (4, Gen.OneOf(NastyNames)), (4, TokenName), (2, NumericName), (1, Gen.Const(string.Empty)));

    /// <summary>Names for the submit property: biased to what looks like paths and row numbers.</summary>
    public static readonly Gen<string> PathLikeName = Frequency((3, Identifier), (3, NumericName), (2, Gen.OneOf(NastyNames)), (1, TokenName));

    public static readonly Gen<JsonNode> JsonScalar = Frequency(
        (3, Gen.Int.Select(i => (JsonNode)JsonValue.Create(i))),
        (1, Gen.Decimal[-1_000m, 1_000m].Select(d => (JsonNode)JsonValue.Create(d))),
        (1, Gen.OneOf("1e300", "-0", "1.0", "0.1", "123456789012345678901234567890").Select(n => JsonNode.Parse(n)!)),
        (3, Gen.String[Gen.Char[TextAlphabet], 0, 10].Select(s => (JsonNode)JsonValue.Create(s))),
        (1, Gen.Bool.Select(b => (JsonNode)JsonValue.Create(b))));

    private static readonly Dictionary<int, Gen<JsonNode?>> RandomJsonByDepth = [];

    /// <summary>Any JSON value but a top-level null, nested up to <paramref name="depth"/>.</summary>
    public static Gen<JsonNode?> RandomJson(int depth)
    {
        lock (RandomJsonByDepth)
        {
            if (!RandomJsonByDepth.TryGetValue(depth, out var gen))
            {
                var scalar = JsonScalar.Select(n => (JsonNode?)n);
                gen = depth <= 0 ? scalar : Frequency(
                    (4, scalar),
                    (1, Child(depth - 1).Array[0, 3].Select(items => (JsonNode?)new JsonArray(items))),
                    (1, RandomObject(depth - 1).Select(o => (JsonNode?)o)));
                RandomJsonByDepth[depth] = gen;
            }

            return gen;
        }

        static Gen<JsonNode?> Child(int depth) => Frequency((8, RandomJson(depth)), (1, Gen.Const<JsonNode?>(() => null)));
    }

    public static Gen<JsonObject> RandomObject(int depth) =>
        Gen.Select(Frequency((3, Identifier), (1, Gen.OneOf(NastyNames))), Frequency((8, RandomJson(Math.Max(depth, 0))), (1, Gen.Const<JsonNode?>(() => null))))
            .Array[0, 4]
            .Select(pairs =>
            {
                var result = new JsonObject();
                foreach (var (key, value) in pairs)
                {
                    result[key] = value;
                }

                return result;
            });

    public static Gen<T> Frequency<T>(params (int Weight, IGen<T> Gen)[] options) => Gen.Frequency(options);
}

using System.Globalization;
using System.Text.Json;
using CsCheck;
using static Flows.Forms.Tests.PropertyBased.GeneratedJson;

namespace Flows.Forms.Tests.PropertyBased;

/// <summary>Generated account-style schemas, and any text at all where a schema is expected, for "never throws" and round-trip properties.</summary>
internal static class GeneratedSchemas
{
    /// <summary>Schemas with property names as real schemas have them.</summary>
    public static readonly SchemaGen Plain = new(Name);

    /// <summary>Schemas whose property names look like flat form paths and row numbers.</summary>
    public static readonly SchemaGen PathLike = new(PathLikeName);

    /// <summary>Schemas, mutilated schemas, any JSON and JSON-ish noise.</summary>
    public static readonly Gen<string> AnyText = Frequency(
        (5, Plain.Text),
        (2, Plain.Text.SelectMany(Mutated)),
        (1, RandomJson(3).Select(n => n?.ToJsonString(Readable) ?? "null")),
        (1, Gen.String[Gen.Char["{}[]\":,.-+0123456789eEtrufalsn \\/$#"], 0, 120]));

    private static Gen<string> Mutated(string text) =>
        Frequency(
            // The same key twice: JsonNode parses it, and only complains when the object is read.
            (2, Gen.Const(() => "{\"type\":\"object\"," + text[1..])),
            (2, Gen.Const(() => text.Replace("\"properties\":{", "\"properties\":{\"dup\":{},\"dup\":{\"type\":\"string\"},", StringComparison.Ordinal))),
            // An escaped lone surrogate: valid JSON syntax, but not a string .NET can read.
            (1, Gen.Const(() => text.Replace("\"Generated account\"", "\"\\uD800\"", StringComparison.Ordinal))),
            (2, Gen.Int[0, Math.Max(text.Length - 1, 0)].Select(cut => text[..cut])),
            (2, Gen.Select(Gen.Int[0, text.Length], Gen.OneOf("{", "}", "[", "]", ",", ":", "\"", "\\", "0", "-", "null", "\"$ref\":\"#\",", "\"$ref\":\"#/$defs/node\","), (at, insert) => text[..at] + insert + text[at..])),
            (1, Gen.Const(() => new string('[', 300) + new string(']', 300))),
            (1, Gen.Const(() => string.Concat(Enumerable.Repeat("{\"properties\":{\"a\":", 120)) + "{}" + new string('}', 240))));

    /// <summary>
    /// Account-style schemas: up to 8 properties per object, objects nested up to 3 deep, the constructs
    /// connector schemas use, and now and then something a form cannot express or a schema should not say.
    /// </summary>
    internal sealed class SchemaGen
    {
        private const string Meta = "https://json-schema.org/draft/2020-12/schema";

        private readonly Gen<string> _name;
        private readonly Dictionary<int, Gen<JsonNode?>> _properties = [];

        public SchemaGen(Gen<string> name)
        {
            _name = name;
            Root = Gen.Select(ObjectSchema(0, 8), Gen.Int[0, 3], Gen.Int[0, 5], (root, meta, extra) =>
            {
                var result = new JsonObject();
                if (meta > 0)
                {
                    result["$schema"] = Meta;
                }

                result["title"] = "Generated account";
                foreach (var (key, value) in root)
                {
                    result[key] = value?.DeepClone();
                }

                result["$defs"] = Definitions();
                if (extra == 0)
                {
                    result["additionalProperties"] = false;
                }

                return result;
            });
            Text = Root.Select(r => r.ToJsonString(Readable));
        }

        public Gen<JsonObject> Root { get; }

        public Gen<string> Text { get; }

        private static JsonObject Definitions() => new()
        {
            ["shared"] = new JsonObject { ["type"] = "string", ["minLength"] = 1, ["title"] = "Shared" },
            ["addr"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["street"] = new JsonObject { ["type"] = "string" }, ["zip"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 } },
            },
            ["node"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["name"] = new JsonObject { ["type"] = "string" }, ["next"] = new JsonObject { ["$ref"] = "#/$defs/node" } },
            },
            ["tok"] = new JsonObject { ["type"] = "string", ["writeOnly"] = true },
        };

        private Gen<JsonObject> ObjectSchema(int depth, int maxProperties) =>
            Gen.Select(
                Gen.Select(_name, Property(depth), Gen.Int[0, 2]).Array[0, maxProperties],
                depth < 3 ? Frequency((6, Gen.Const<JsonObject?>(() => null)), (1, Conditional(depth))) : Gen.Const<JsonObject?>(() => null),
                depth < 3 ? Frequency((6, Gen.Const<JsonArray?>(() => null)), (1, Options(depth, "v\u00B7"))) : Gen.Const<JsonArray?>(() => null),
                (properties, conditional, inline) =>
                {
                    var props = new JsonObject();
                    var required = new JsonArray();
                    foreach (var (name, schema, require) in properties)
                    {
                        if (props.ContainsKey(name))
                        {
                            continue;
                        }

                        props[name] = schema;
                        if (require == 0)
                        {
                            required.Add(name);
                        }
                    }

                    var result = new JsonObject { ["type"] = "object", ["properties"] = props };
                    if (required.Count > 0)
                    {
                        result["required"] = required;
                    }

                    if (conditional is not null)
                    {
                        foreach (var (key, value) in conditional)
                        {
                            if (key == "mode\u00B7")
                            {
                                props[key] = value?.DeepClone();
                            }
                            else
                            {
                                result[key] = value?.DeepClone();
                            }
                        }
                    }

                    if (inline is not null)
                    {
                        result["oneOf"] = inline;
                    }

                    return result;
                });

        private Gen<JsonNode?> Property(int depth)
        {
            lock (_properties)
            {
                if (_properties.TryGetValue(depth, out var cached))
                {
                    return cached;
                }

                var options = new List<(int, IGen<JsonNode?>)>
                {
                    (5, StringSchema), (2, IntegerSchema), (2, NumberSchema), (2, BooleanSchema), (2, EnumSchema), (2, ConstChoiceSchema),
                    (2, ScalarArraySchema), (1, NullableSchema), (2, Garbage),
                };
                if (depth < 3)
                {
                    options.Add((1, ObjectSchema(depth + 1, 3).Select(items => (JsonNode?)new JsonObject { ["type"] = "array", ["items"] = items })));
                    options.Add((2, ObjectSchema(depth + 1, 4).Select(o => (JsonNode?)o)));
                    options.Add((2, Options(depth, string.Empty).Select(o => (JsonNode?)new JsonObject { ["title"] = "Method", ["oneOf"] = o })));
                }

                var gen = Frequency(options.ToArray());
                _properties[depth] = gen;
                return gen;
            }
        }

        // if/then/else on a sibling's value: the fields of then/else are shown while it holds (or not).
        private Gen<JsonObject?> Conditional(int depth) =>
            Gen.Select(Property(depth + 1), Property(depth + 1), Gen.Bool, (then, otherwise, withElse) =>
            {
                var result = new JsonObject
                {
                    ["mode\u00B7"] = new JsonObject { ["enum"] = new JsonArray("a", "b") },
                    ["if"] = new JsonObject { ["properties"] = new JsonObject { ["mode\u00B7"] = new JsonObject { ["const"] = "a" } }, ["required"] = new JsonArray("mode\u00B7") },
                    ["then"] = new JsonObject { ["properties"] = new JsonObject { ["then\u00B7x"] = then } },
                };
                if (withElse)
                {
                    result["else"] = new JsonObject { ["properties"] = new JsonObject { ["else\u00B7y"] = otherwise } };
                }

                return (JsonObject?)result;
            });

        /// <summary>2–3 object options told apart by a const discriminator (names prefixed to stay clear of an owner's properties).</summary>
        private Gen<JsonArray?> Options(int depth, string prefix) =>
            Gen.Select(
                ObjectSchema(depth + 1, 3).Array[2, 3],
                prefix.Length == 0 ? _name : Gen.Const(prefix + "kind"),
                Gen.Int[0, 2],
                Gen.OneOf("basic", "token", "oauth", string.Empty, "1"),
                (options, discriminator, style, stem) =>
                {
                    var result = new JsonArray();
                    for (var i = 0; i < options.Length; i++)
                    {
                        var option = options[i];
                        var props = new JsonObject
                        {
                            [discriminator] = new JsonObject { ["const"] = style == 0 ? JsonValue.Create(i) : JsonValue.Create(stem + i.ToString(CultureInfo.InvariantCulture)) },
                        };
                        foreach (var (name, schema) in option["properties"]!.AsObject())
                        {
                            if (!props.ContainsKey(prefix + name))
                            {
                                props[prefix + name] = schema?.DeepClone();
                            }
                        }

                        var shaped = new JsonObject { ["type"] = "object", ["properties"] = props, ["required"] = new JsonArray(discriminator) };
                        if (style == 2)
                        {
                            shaped["title"] = $"Option {stem}{i}";
                        }

                        result.Add(shaped);
                    }

                    return (JsonArray?)result;
                });

        private static Gen<JsonNode?> StringSchema { get; } =
            Gen.Select(Gen.Int[0, 5], Gen.Int[0, 3], Gen.Int[0, 4], Gen.Int[1, 20], Gen.Int[0, 11], (format, lengths, min, span, hint) =>
            {
                var schema = new JsonObject { ["type"] = "string" };
                switch (format)
                {
                    case 2: schema["format"] = "uri"; break;
                    case 3: schema["format"] = "email"; break;
                    case 4: schema["format"] = "date"; break;
                }

                if (lengths is 1 or 3)
                {
                    schema["minLength"] = min;
                }

                if (lengths is 2 or 3)
                {
                    schema["maxLength"] = min + span;
                }

                switch (hint)
                {
                    case 0: schema["writeOnly"] = true; break;
                    case 1: schema["airbyte_secret"] = true; break;
                    case 2: schema["format"] = "password"; break;
                    case 3: schema["x-secret"] = true; break;
                    case 4: schema["hidden"] = true; schema["default"] = "preset"; break;
                    case 5: schema["examples"] = new JsonArray("an example"); schema["order"] = -1; break;
                    case 6: schema["x-multiline"] = true; break;
                }

                return (JsonNode?)schema;
            });

        private static Gen<JsonNode?> IntegerSchema { get; } =
            Gen.Select(Gen.Int[0, 4], Gen.Int[-1_000, 1_000], Gen.Int[2, 2_000], (bounds, low, span) =>
            {
                var schema = new JsonObject { ["type"] = "integer" };
                if (bounds is 1 or 3)
                {
                    schema["minimum"] = low;
                }

                if (bounds is 2 or 3)
                {
                    schema["maximum"] = low + span;
                }

                if (bounds == 4)
                {
                    schema["exclusiveMinimum"] = low;
                    schema["exclusiveMaximum"] = low + span;
                }

                return (JsonNode?)schema;
            });

        private static Gen<JsonNode?> NumberSchema { get; } =
            Gen.Select(Gen.Int[0, 4], Gen.Int[-100_000, 100_000], Gen.Int[2, 100_000], (bounds, low, span) =>
            {
                var schema = new JsonObject { ["type"] = "number" };
                if (bounds is 1 or 3)
                {
                    schema["minimum"] = low / 100m;
                }

                if (bounds is 2 or 3)
                {
                    schema["maximum"] = (low + span) / 100m;
                }

                if (bounds == 4)
                {
                    schema["exclusiveMinimum"] = low / 100m;
                    schema["exclusiveMaximum"] = (low + span) / 100m;
                }

                return (JsonNode?)schema;
            });

        private static Gen<JsonNode?> BooleanSchema { get; } =
            Gen.Int[0, 5].Select(hint => (JsonNode?)(hint switch
            {
                0 => new JsonObject { ["type"] = "boolean", ["default"] = false },
                1 => new JsonObject { ["type"] = "boolean", ["hidden"] = true, ["default"] = true },
                2 => new JsonObject { ["type"] = "boolean", ["writeOnly"] = true },
                _ => new JsonObject { ["type"] = "boolean" },
            }));

        private static readonly Gen<JsonNode> ChoiceValue = Frequency(
            (3, Gen.OneOf("a", "b", "red", "Grün", "0", "1", "2", "3", "x y", "🚀", "ünï", "true", "null", " ", "a.b").Select(s => (JsonNode)JsonValue.Create(s))),
            (2, Gen.Int[-1, 4].Select(i => (JsonNode)JsonValue.Create(i))));

        private static readonly Gen<JsonNode> StringChoiceValue = ChoiceValue.Where(v => v.GetValueKind() == JsonValueKind.String);

        private static readonly Gen<JsonNode> IntChoiceValue = ChoiceValue.Where(v => v.GetValueKind() == JsonValueKind.Number);

        /// <summary>1–5 distinct values: strings, whole numbers, or a mix of both.</summary>
        private static readonly Gen<JsonNode[]> ChoiceValues =
            Frequency((3, StringChoiceValue.Array[1, 5]), (2, IntChoiceValue.Array[1, 5]), (2, ChoiceValue.Array[1, 5]))
                .Select(values => values.DistinctBy(v => v.ToJsonString()).ToArray());

        private static Gen<JsonNode?> EnumSchema { get; } =
            Gen.Select(ChoiceValues, Gen.Int[0, 3], (values, hint) =>
            {
                var schema = new JsonObject { ["enum"] = new JsonArray([.. values.Select(v => v.DeepClone())]) };
                if (hint == 0)
                {
                    schema["x-enumNames"] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create("Label " + v.ToJsonString()))]);
                }

                if (hint == 1)
                {
                    schema["writeOnly"] = true;
                }

                if (hint == 2 && values.All(v => v.GetValueKind() == JsonValueKind.String))
                {
                    schema["type"] = "string";
                }

                return (JsonNode?)schema;
            });

        private static Gen<JsonNode?> ConstChoiceSchema { get; } =
            Gen.Select(ChoiceValues, Gen.Bool, (values, titled) => (JsonNode?)new JsonObject
            {
                ["title"] = "Choice",
                ["oneOf"] = new JsonArray([.. values.Select(v => (JsonNode?)(titled
                    ? new JsonObject { ["const"] = v.DeepClone(), ["title"] = "Pick " + v.ToJsonString() }
                    : new JsonObject { ["const"] = v.DeepClone() }))]),
            });

        private static Gen<JsonNode?> ScalarArraySchema { get; } =
            Gen.Select(
                Frequency((3, StringSchema), (1, IntegerSchema), (1, NumberSchema), (1, BooleanSchema), (1, EnumSchema), (1, ConstChoiceSchema),
                    (1, StringSchema.Select(s => (JsonNode?)new JsonObject { ["type"] = "array", ["items"] = s }))),
                Gen.Int[0, 3],
                (items, bounds) =>
                {
                    var schema = new JsonObject { ["type"] = "array", ["items"] = items };
                    if (bounds == 1)
                    {
                        schema["minItems"] = 1;
                    }

                    if (bounds == 2)
                    {
                        schema["maxItems"] = 2;
                    }

                    return (JsonNode?)schema;
                });

        private static Gen<JsonNode?> NullableSchema { get; } =
            Gen.OneOf("string", "integer", "number", "boolean").SelectMany(type => Gen.Bool.Select(first => (JsonNode?)new JsonObject
            {
                ["type"] = first ? new JsonArray("null", type) : new JsonArray(type, "null"),
            }));

        private static readonly Func<JsonNode?>[] GarbageSchemas =
        [
            () => new JsonObject { ["type"] = "object", ["patternProperties"] = new JsonObject { ["^x"] = new JsonObject { ["type"] = "string" } } },
            () => new JsonObject { ["not"] = new JsonObject { ["type"] = "string" } },
            () => new JsonObject { ["$ref"] = "#/$defs/shared" },
            () => new JsonObject { ["$ref"] = "#/$defs/addr", ["title"] = "Address" },
            () => new JsonObject { ["$ref"] = "#/$defs/node" },
            () => new JsonObject { ["$ref"] = "#/$defs/tok" },
            () => new JsonObject { ["$ref"] = "#" },
            () => new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/$defs/shared" }, new JsonObject { ["maxLength"] = 9 }) },
            () => new JsonObject { ["type"] = new JsonArray("string", "integer") },
            () => new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "integer" }) },
            () => new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } },
            () => new JsonObject { ["type"] = "array", ["prefixItems"] = new JsonArray(new JsonObject { ["type"] = "string" }) },
            () => new JsonObject { ["type"] = "array" },
            () => new JsonObject { ["format"] = "date-time" },
            () => new JsonObject { ["type"] = "string", ["pattern"] = "^[a-z]+$" },
            () => new JsonObject(),
            () => JsonValue.Create(42),
            () => JsonValue.Create("a string where a schema goes"),
            () => JsonValue.Create(true),
            () => JsonValue.Create(false),
            () => null,
            () => new JsonArray(),
            () => new JsonObject { ["$ref"] = "https://example.com/external.schema.json" },
            () => new JsonObject { ["$ref"] = "#/$defs/missing" },
            () => new JsonObject { ["type"] = "foo" },
            () => new JsonObject { ["type"] = "string", ["minLength"] = -1 },
            () => new JsonObject { ["type"] = "string", ["pattern"] = "[" },
            () => new JsonObject { ["enum"] = 5 },
            () => new JsonObject { ["type"] = "object", ["required"] = 5 },
            () => new JsonObject { ["items"] = 3 },
            () => new JsonObject { ["minimum"] = "abc" },
            () => new JsonObject { ["oneOf"] = new JsonArray() },
            () => new JsonObject { ["$dynamicRef"] = "#meta" },
            () => new JsonObject { ["$anchor"] = "not an anchor" },
        ];

        private static Gen<JsonNode?> Garbage { get; } =
            Frequency(
                (4, Gen.Int[0, GarbageSchemas.Length - 1].Select(i => GarbageSchemas[i]())),
                (1, RandomJson(2)));
    }
}

using Flows.Forms;
using Flows.Forms.AspNetCore;

// Any JSON Schema becomes a form: shown at /, validated when posted, the typed JSON shown back.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSchemaForms();
var app = builder.Build();

var schemaPath = Path.Combine(AppContext.BaseDirectory, "signup.schema.json");
var loaded = FormSchema.Load(File.ReadAllText(schemaPath));
if (loaded.Schema is not { } schema)
{
    Console.Error.WriteLine($"{schemaPath}: {string.Join(" ", loaded.Errors)}");
    return 1;
}

app.MapSchemaFormAssets();
app.MapSchemaForm("/", schema, new SchemaFormOptions { SubmitText = "Sign up" });
app.Run();
return 0;

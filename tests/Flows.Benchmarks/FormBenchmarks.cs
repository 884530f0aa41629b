using BenchmarkDotNet.Attributes;
using Flows.Forms;

namespace Flows.Benchmarks;

/// <summary>
/// The Salesforce standard account's form, warm: building the form model from the shipped schema,
/// loading it for use (model + compiled validator), and submitting a filled-in form (bind + validate
/// + map errors to fields). The target is under 50 µs each for building the model and for
/// validating a submission.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class FormBenchmarks
{
    private string _schemaText = string.Empty;
    private FormSchema? _schema;
    private FormValues? _valid;
    private FormValues? _invalid;

    [GlobalSetup]
    public void Setup()
    {
        _schemaText = File.ReadAllText(Path.Combine(BenchPlugins.SalesforceBuild(), "schemas", "salesforce.standard.schema.json"));
        var loaded = FormSchema.Load(_schemaText);
        _schema = loaded.Schema ?? throw new InvalidOperationException(string.Join("; ", loaded.Errors));

        // As a browser posts the form: every input, the checkbox after its hidden "false".
        _valid = new FormValues()
            .Add("username", "alice@acme.example")
            .Add("password", "s3cret-Passw0rd")
            .Add("securityToken", "AbCdEf0123456789")
            .Add("loginUrl", "https://acme.my.salesforce.com/")
            .Add("sandbox", "false")
            .Add("sandbox", "true");
        _invalid = new FormValues()
            .Add("username", string.Empty)
            .Add("password", "s3cret-Passw0rd")
            .Add("securityToken", string.Empty)
            .Add("loginUrl", "not a url")
            .Add("sandbox", "false");

        // Measure the paths the names promise: a clean submission, and one with errors next to their fields.
        var valid = _schema.Submit(_valid);
        if (!valid.IsValid)
        {
            throw new InvalidOperationException("The valid form has errors: " + string.Join("; ", valid.Errors.All()));
        }

        var invalid = _schema.Submit(_invalid).Errors.Fields;
        if (!invalid.ContainsKey("username") || !invalid.ContainsKey("loginUrl"))
        {
            throw new InvalidOperationException("The invalid form's errors are not on username and loginUrl: " + string.Join(", ", invalid.Keys));
        }
    }

    [Benchmark]
    public int BuildFormModel() =>
        (SchemaFormBuilder.Build(_schemaText).Model ?? throw new InvalidOperationException("No model.")).Fields.Count;

    [Benchmark]
    public int LoadFormSchema() =>
        (FormSchema.Load(_schemaText).Schema ?? throw new InvalidOperationException("No schema.")).Model.Fields.Count;

    [Benchmark]
    public bool SubmitValidForm() => _schema!.Submit(_valid!).IsValid;

    [Benchmark]
    public int SubmitInvalidForm() => _schema!.Submit(_invalid!).Errors.Fields.Count;
}

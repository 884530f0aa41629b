using Flows.Host.Accounts;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using Flows.Authoring;
using Flows.Forms;
using Flows.Web.Forms;

namespace Flows.Benchmarks;

/// <summary>
/// The largest published spec of the corpus (Airbyte's S3 source: a list of streams, each with a
/// format chooser, and hidden deprecated parts), warm: building its form, binding and validating a
/// filled-in post (the sample forms check fills in, as a browser would post it), and rendering the
/// form's HTML fields.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class CorpusFormBenchmarks
{
    private string _schemaText = string.Empty;
    private FormSchema? _schema;
    private AccountForm? _form;
    private FormValues? _filled;

    [GlobalSetup]
    public void Setup()
    {
        var specs = typeof(CorpusFormBenchmarks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CorpusSpecs").Value!;
        var largest = Directory.GetFiles(specs, "*.schema.json").MaxBy(f => new FileInfo(f).Length)!;
        _schemaText = File.ReadAllText(largest);
        _schema = FormSchema.Load(_schemaText).Schema ?? throw new InvalidOperationException($"{largest} gives no form.");
        _form = AccountForm.For("Amazon S3 source", _schema);

        var sample = FormCheck.Run(_schemaText).Sample ?? throw new InvalidOperationException($"{largest} gives no sample.");
        _filled = FormBinder.Unbind(_schema.Model, sample, includeSecrets: true);
        var submitted = _schema.Submit(_filled);
        if (!submitted.IsValid)
        {
            throw new InvalidOperationException("The filled-in form has errors: " + string.Join("; ", submitted.Errors.All()));
        }
    }

    [Benchmark]
    public int BuildForm() =>
        (FormSchema.Load(_schemaText).Schema ?? throw new InvalidOperationException("No schema.")).Model.Fields.Count;

    [Benchmark]
    public bool BindAndValidateFilledPost() => _schema!.Submit(_filled!).IsValid;

    [Benchmark]
    public int RenderFormHtml() => FormHtml.Fields(_form!, _filled).Length;
}

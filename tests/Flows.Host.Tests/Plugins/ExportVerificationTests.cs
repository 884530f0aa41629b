using System.Composition.Hosting;
using Flows.Contracts;
using Flows.Host.Plugins.Activation;
using Flows.Host.Plugins.Manifests;

namespace Flows.Host.Tests.Plugins;

/// <summary>
/// What a plugin's code exports, cross-checked against its manifest. The exports are objects of this
/// test assembly exported through a MEF container in memory and asked for as activation asks a
/// plugin's container, so no case needs a plugin build of its own; one broken build (SchemaMismatch)
/// still goes the whole way through activation in <see cref="ActivationTests"/>.
/// </summary>
public sealed class ExportVerificationTests : IDisposable
{
    private const string DeclaredType = "fixture-memory.declared";
    private const string Title = "In-memory account";
    private const string Description = "A host name and an API key.";
    private const string SchemaText = """{ "type": "object", "properties": { "host": { "type": "string" } } }""";

    private readonly string _folder = Directory.CreateTempSubdirectory("flows-verify-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Verify_ExportsThatMatchTheManifest_PassAndIndexTheValidatorByAccountType()
    {
        var (problems, validators) = Verify([Definition()], [Validator()]);

        problems.ShouldBeEmpty();
        validators.Keys.ShouldBe([DeclaredType]);
    }

    [Fact]
    public void Verify_CodeExportingAnotherAccountTypeThanDeclared_NamesBothSides()
    {
        var (problems, _) = Verify([Definition(id: () => "fixture-memory.other")], []);

        problems.ShouldBe(
        [
            "The code exports account type 'fixture-memory.other', which plugin.json does not declare.",
            $"plugin.json declares account type '{DeclaredType}', but the code exports no definition for it.",
        ]);
    }

    [Fact]
    public void Verify_TheSameAccountTypeExportedTwice_IsAProblem()
    {
        var (problems, _) = Verify([Definition(), Definition()], []);

        problems.ShouldBe([$"Account type '{DeclaredType}' is exported more than once."]);
    }

    [Fact]
    public void Verify_ATitleOrDescriptionThatDiffersFromTheManifest_QuotesBoth()
    {
        var (problems, _) = Verify([Definition(title: () => "Another title", description: () => "Another description")], []);

        problems.ShouldBe(
        [
            $"Account type '{DeclaredType}': the exported title differs from plugin.json (\"Another title\" vs \"{Title}\").",
            $"Account type '{DeclaredType}': the exported description differs from plugin.json (\"Another description\" vs \"{Description}\").",
        ]);
    }

    [Fact]
    public void Verify_AnExportedSchemaThatDiffersFromTheSchemaFile_SaysToEmbedTheFile()
    {
        var (problems, _) = Verify([Definition(schema: () => """{ "type": "object", "properties": { "token": { "type": "string" } } }""")], []);

        problems.ShouldHaveSingleItem().ShouldBe(
            $"Account type '{DeclaredType}': the exported schema differs from account.schema.json; both must come from that one file (embed it, e.g. with EmbeddedSchema.Read).");
    }

    [Fact]
    public void Verify_GarbageExports_ReportEachProblemWithoutThrowing()
    {
        var (problems, _) = Verify([Definition(title: () => throw new InvalidOperationException("boom from Title getter"), schema: () => "not json {")], []);

        problems.Count.ShouldBe(2);
        problems.ShouldContain($"Account type '{DeclaredType}': reading its title failed (InvalidOperationException: boom from Title getter).");
        problems.ShouldContain(p => p.StartsWith($"Account type '{DeclaredType}': the exported schema is not valid JSON (", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_ADefinitionWhoseIdCannotBeRead_IsNamedByItsType()
    {
        var (problems, _) = Verify([Definition(id: () => throw new NotSupportedException("no id")), Definition()], []);

        problems.ShouldBe([$"An exported account definition ({typeof(InMemoryDefinition).FullName}) has no readable id (NotSupportedException: no id)."]);
    }

    [Fact]
    public void Verify_ValidatorsForUndeclaredOrRepeatedTypesOrWithoutAType_AreEachAProblem()
    {
        var (problems, validators) = Verify([Definition()], [Validator(), Validator(), Validator("fixture-memory.other"), Validator(" ")]);

        problems.ShouldBe(
        [
            $"More than one validator is exported for account type '{DeclaredType}'.",
            "A validator is exported for account type 'fixture-memory.other', which plugin.json does not declare.",
            $"An exported validator ({typeof(InMemoryValidator).FullName}) has no readable account type.",
        ], ignoreOrder: true);
        validators.Count.ShouldBe(1);
    }

    private static InMemoryDefinition Definition(Func<string>? id = null, Func<string>? title = null, Func<string>? description = null, Func<string>? schema = null) =>
        new(id ?? (() => DeclaredType), title ?? (() => Title), description ?? (() => Description), schema ?? (() => SchemaText));

    private static InMemoryValidator Validator(string accountTypeId = DeclaredType) => new(accountTypeId);

    /// <summary>
    /// Exports <paramref name="definitions"/> and <paramref name="validators"/> through a MEF container, asks for
    /// every export as activation does, and verifies them against a manifest declaring one account type.
    /// </summary>
    private (List<string> Problems, Dictionary<string, IAccountValidator> Validators) Verify(IEnumerable<IAccountDefinition> definitions, IEnumerable<IAccountValidator> validators)
    {
        var schemaPath = Path.Combine(_folder, "account.schema.json");
        File.WriteAllText(schemaPath, SchemaText);
        var manifest = new PluginManifest(
            "fixture.memory", "In-memory fixture", new Semver.SemVersion(1, 0, 0), "Flows tests", "Exports composed in memory.",
            Semver.SemVersionRange.Parse("^1.0.0"), "^1.0.0", Path.Combine(_folder, "InMemory.dll"),
            [new AccountContribution(DeclaredType, Title, Description, schemaPath)]);

        var configuration = new ContainerConfiguration();
        foreach (var definition in definitions)
        {
            configuration.WithExport(definition);
        }

        foreach (var validator in validators)
        {
            configuration.WithExport(validator);
        }

        using var container = configuration.CreateContainer();
        var problems = ExportVerifier.Verify(
            manifest, [.. container.GetExports<IAccountDefinition>()], [.. container.GetExports<IAccountValidator>()], out var byType);
        return (problems, byType);
    }

    public sealed class InMemoryDefinition(Func<string> id, Func<string> title, Func<string> description, Func<string> schema) : IAccountDefinition
    {
        public string Id => id();

        public string Title => title();

        public string Description => description();

        public string Schema => schema();
    }

    public sealed class InMemoryValidator(string accountTypeId) : IAccountValidator
    {
        public string AccountTypeId => accountTypeId;

        public Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(AccountValidationResult.Valid("someone"));
    }
}

using System.Composition;
using Flows.Contracts;
using Newtonsoft.Json;

namespace Flows.Tests.Fixtures.OtherGoodPlugin;

/// <summary>
/// Says every <see cref="OtherAccountDefinition"/> account is valid, naming the Newtonsoft.Json version
/// this plugin loaded: it carries 12 while GoodPlugin carries 13, so tests see each plugin got its own copy.
/// </summary>
[Export(typeof(IAccountValidator))]
public sealed class OtherAccountValidator : IAccountValidator
{
    public string AccountTypeId => OtherAccountDefinition.AccountTypeId;

    public Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var version = typeof(JsonConvert).Assembly.GetName().Version;
        return Task.FromResult(AccountValidationResult.Valid($"other via Newtonsoft.Json {version}"));
    }
}

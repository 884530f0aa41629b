using System.Composition;
using Flows.Contracts;
using Newtonsoft.Json;

namespace Flows.Tests.Fixtures.GoodPlugin;

/// <summary>
/// Validates <see cref="GoodAccountDefinition"/> accounts without any network: host "down" means
/// unavailable, API key "wrong" means invalid, anything else is valid. Two misbehaving checks for
/// the host's time limit: host "hang" never finishes and ignores cancellation; host "block" holds
/// its caller's thread for 20 s before answering. Host "slow" answers valid after 3 s, so a test can
/// change the account while it is being checked. Host "wait" waits for its cancellation token and logs
/// "Check of {Host} cancelled" when it fires, so a test sees cancellation reach the plugin. Host "echo"
/// is a careless connector: it puts the API key into its log (as an argument and inside the text) and
/// into its answer, as typed and JSON-escaped, for the host to mask. The identity summary names
/// the Newtonsoft.Json version this plugin loaded, so tests see which copy each plugin got. It
/// imports every service the host offers, so tests also prove those imports are satisfied.
/// </summary>
[Export(typeof(IAccountValidator))]
public sealed class GoodAccountValidator : IAccountValidator
{
    private readonly IPluginLogger _log;
    private readonly TimeProvider _time;
    private readonly IOutboundHttp _http;

    [ImportingConstructor]
    public GoodAccountValidator(IPluginLogger log, TimeProvider time, IOutboundHttp http)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(http);
        _log = log;
        _time = time;
        _http = http;
    }

    public string AccountTypeId => GoodAccountDefinition.AccountTypeId;

    public Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();

        var host = request.GetString("host") ?? string.Empty;

        // A message template with arguments; the API key is never logged.
        _log.Information("Validating {Host} at {Time} (request timeout {RequestTimeout})", host, _time.GetUtcNow(), _http.RequestTimeout);

        if (host == "hang")
        {
            return new TaskCompletionSource<AccountValidationResult>().Task;
        }

        if (host == "block")
        {
            Thread.Sleep(TimeSpan.FromSeconds(20));
            return Task.FromResult(AccountValidationResult.Valid("answered after 20 s"));
        }

        if (host == "wait")
        {
            return WaitForCancellationAsync(host, cancellationToken);
        }

        if (host == "slow")
        {
            return AnswerLaterAsync(cancellationToken);
        }

        if (host == "down")
        {
            return Task.FromResult(AccountValidationResult.Unavailable("The service is down for maintenance; try again later."));
        }

        if (host == "echo")
        {
            var apiKey = request.GetString("apiKey") ?? string.Empty;
            _log.Warning("Checking the key {ApiKey}", apiKey);
#pragma warning disable CA2254 // The careless connector: the key inside the text, not an argument.
            _log.Warning($"Sent Authorization: Bearer {apiKey}");
#pragma warning restore CA2254
            return Task.FromResult(AccountValidationResult.Invalid(
                $"The service rejected {apiKey}",
                new AccountFieldError("apiKey", $"Request body was {{\"key\":{System.Text.Json.JsonSerializer.Serialize(apiKey)}}}")));
        }

        if (request.GetString("apiKey") == "wrong")
        {
            return Task.FromResult(AccountValidationResult.Invalid(
                "API key is wrong",
                new AccountFieldError("apiKey", "The service rejected this API key.")));
        }

        var version = typeof(JsonConvert).Assembly.GetName().Version;
        return Task.FromResult(AccountValidationResult.Valid($"{host} via Newtonsoft.Json {version}"));
    }

    private async Task<AccountValidationResult> WaitForCancellationAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _log.Information("Check of {Host} cancelled", host);
            throw;
        }

        return AccountValidationResult.Unavailable("not reached");
    }

    // Long enough for a test to edit or delete the account while the check runs.
    private static async Task<AccountValidationResult> AnswerLaterAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
        return AccountValidationResult.Valid("slow answered after 3 s");
    }
}

using System.Text.Json.Nodes;
using Flows.Contracts;

namespace Flows.Host.Plugins.Isolation;

/// <summary>A validator that runs in a plugin's worker process: the call and the verdict cross the pipe.</summary>
internal sealed class RemoteAccountValidator(WorkerProcess worker, string accountTypeId) : IAccountValidator
{
    public string AccountTypeId => accountTypeId;

    public async Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = new JsonObject
        {
            ["type"] = "validate",
            ["accountTypeId"] = request.AccountTypeId,
            ["values"] = JsonNode.Parse(request.Values.GetRawText()),
        };

        JsonObject answer;
        try
        {
            answer = await worker.CallAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkerExitedException exited)
        {
            var code = exited.ExitCode is { } exitCode ? $" (exit code {exitCode})" : string.Empty;
            return AccountValidationResult.Unavailable(
                $"The connector stopped while checking the account{code}. Try again; if it keeps happening, report it to the connector's publisher.");
        }

        return answer["type"]?.GetValue<string>() switch
        {
            "result" => WorkerResults.FromMessage(answer),
            "canceled" => throw new OperationCanceledException(cancellationToken),
            _ => throw new PluginFaultException(answer["exceptionType"]?.GetValue<string>() ?? "Exception"),
        };
    }
}

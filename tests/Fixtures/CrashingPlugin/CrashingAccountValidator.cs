using System.Composition;
using System.Globalization;
using Flows.Contracts;

namespace Flows.Tests.Fixtures.CrashingPlugin;

/// <summary>
/// Host "exit" ends the process (exit code 3); "overflow" overflows the stack; "throw" throws with a
/// secret in the message; "print" writes to the console first; "environment" answers with the
/// host secrets it can see in its environment. Any other host is valid, and the identity summary
/// names the process the check ran in.
/// </summary>
[Export(typeof(IAccountValidator))]
public sealed class CrashingAccountValidator : IAccountValidator
{
    public const string AccountType = "fixture-crashing.basic";

    private static readonly string[] HostSecrets = ["FLOWS_SECRET_KEY", "FLOWS_SECRET_KEY_PREVIOUS", "FLOWS_ACCESS_TOKEN"];

    public string AccountTypeId => AccountType;

    public Task<AccountValidationResult> ValidateAsync(AccountValidationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var host = request.GetString("host");
        switch (host)
        {
            case "exit":
                Environment.Exit(3);
                break;
            case "overflow":
                return Task.FromResult(AccountValidationResult.Valid(Deeper(0).ToString(CultureInfo.InvariantCulture)));
            case "throw":
                throw new InvalidOperationException($"failed with key {request.GetString("apiKey")}");
            case "environment":
                var seen = HostSecrets.Where(v => Environment.GetEnvironmentVariable(v) is not null);
                return Task.FromResult(AccountValidationResult.Valid($"sees [{string.Join(",", seen)}]"));
            case "print":
                Console.WriteLine($"printed by the plugin for {host}");
                break;
        }

        return Task.FromResult(AccountValidationResult.Valid($"{host} checked in process {Environment.ProcessId}"));
    }

    // No tail call (the addition comes after it): every level takes a stack frame.
    private static long Deeper(long depth) => Deeper(depth + 1) + depth;
}

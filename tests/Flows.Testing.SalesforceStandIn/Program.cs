// Runs the stand-in by hand for demos:
//   dotnet run --project tests/Flows.Testing.SalesforceStandIn -- --urls http://127.0.0.1:5555
// Tests do not come through here; they call SalesforceStandIn.StartAsync in-process.
using System.Runtime.InteropServices;
using Flows.Testing.SalesforceStandIn;
using Flows.Testing.SalesforceStandIn.Demo;

var url = new ConfigurationBuilder().AddCommandLine(args).Build()["urls"] ?? "http://127.0.0.1:5555";

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // let the server stop cleanly instead of killing the process
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    stop.Cancel();
});

await using var standIn = await SalesforceStandIn.StartAsync(url: url);

// The JWT app's key lives only in this process; a file lets someone sign assertions by hand.
var jwtKeyFile = Path.Combine(Path.GetTempPath(), "salesforce-standin-jwt-key.pem");
File.WriteAllText(jwtKeyFile, "");
if (!OperatingSystem.IsWindows())
{
    File.SetUnixFileMode(jwtKeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
}

File.WriteAllText(jwtKeyFile, StandInKeys.Default.PrivateKeyPem);
DemoBanner.Write(Console.Out, standIn, jwtKeyFile);

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping.");
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Flows.Forms.Terminal;
using Spectre.Console;

namespace Flows.Cli.Output;

/// <summary>
/// Where commands write: a rich terminal for people, plain JSON on standard output for scripts,
/// and errors on standard error. Text from plugins is always written as plain text, never markup.
/// </summary>
internal sealed class CliOutput(IAnsiConsole console, bool? interactive = null)
{
    /// <summary>Whether a person can answer prompts: a terminal on both ends.</summary>
    public bool IsInteractive { get; } = interactive ?? (!System.Console.IsInputRedirected && console.Profile.Capabilities.Interactive);

    private readonly TextWriter _out = System.Console.Out;
    private readonly TextWriter _error = System.Console.Error;

    public IAnsiConsole Console { get; } = console;

    /// <summary>Text for a file or a pipe (an HTML page), written as is.</summary>
    public void WriteRaw(string text) => _out.Write(text);

    public void WriteJson<T>(T value, JsonTypeInfo<T> type) => _out.WriteLine(TerminalText.Json(JsonSerializer.Serialize(value, type)));

    /// <summary>A plain line; <paramref name="text"/> is not interpreted as markup.</summary>
    public void Line(string text, Style? style = null) => Console.Write(new Text(TerminalText.Plain(text) + Environment.NewLine, style ?? Style.Plain));

    public void Success(string text) => Line("✔ " + text, new Style(Color.Green));

    /// <summary>A remark beside the output (what to run next), on standard error so scripts reading standard output never see it.</summary>
    public void Note(string text) => _error.WriteLine(TerminalText.Plain(text));

    /// <summary>An error for the user, on standard error.</summary>
    public void Error(string text) => _error.WriteLine($"flows: {TerminalText.Plain(text)}");

    /// <summary>A further line of detail for the error just written, on standard error.</summary>
    public void ErrorDetail(string text) => _error.WriteLine($"  {TerminalText.Plain(text)}");
}

using Flows.Authoring;
using Flows.Cli.Output;
using Flows.Forms;
using Spectre.Console;

namespace Flows.Cli.Commands.Forms;

/// <summary>`flows forms check &lt;schema.json&gt;...`: exit 0 when every file passes, 1 when any fails, 2 for usage errors.</summary>
internal sealed class CheckFormsHandler(CliOutput output)
{
    public int Run(IReadOnlyList<string> files, bool json)
    {
        var missing = files.Where(f => !File.Exists(f)).ToList();
        if (files.Count == 0 || missing.Count > 0)
        {
            output.Error(files.Count == 0 ? "name at least one schema file." : $"no such file: {string.Join(", ", missing)}");
            return 2;
        }

        var reports = files.Select(f => (File: f, Report: Check(f))).ToList();
        if (json)
        {
            output.WriteJson(
                [.. reports.Select(r => new FormCheckJson(r.File, r.Report.Passed, r.Report.Inputs, r.Report.Secrets, r.Report.Degraded, r.Report.Notes, r.Report.Warnings, r.Report.Problems, Seen(r.Report.Seen)))],
                CliJson.Output.FormCheckJsonArray);
        }
        else
        {
            foreach (var (file, report) in reports)
            {
                Print(file, report);
            }

            var failed = reports.Count(r => !r.Report.Passed);
            output.Line($"{reports.Count - failed} of {reports.Count} schema(s) passed.", new Style(failed == 0 ? Color.Green : Color.Red));
        }

        return reports.All(r => r.Report.Passed) ? 0 : 1;
    }

    private static FormSeenJson? Seen(FormOverview? seen) =>
        seen is null ? null : new FormSeenJson(seen.Hidden, [.. seen.Sections.Select(s => new FormSectionJson(s.Name, s.Fields))], seen.CollapsedOptional, seen.HelpWithMarkup);

    private static FormCheckReport Check(string file)
    {
        try
        {
            return FormCheck.Run(File.ReadAllText(file), Path.GetFileName(file));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new FormCheckReport(false, 0, [], [], [], [$"could not be read: {exception.Message}"], null);
        }
    }

    private void Print(string file, FormCheckReport report)
    {
        var name = Path.GetFileName(file);
        var summary = $"{report.Inputs} input(s)"
            + (report.Secrets.Count > 0 ? $", {report.Secrets.Count} secret(s): {string.Join(", ", report.Secrets)}" : ", no secrets")
            + (report.Degraded.Count > 0 ? $", {report.Degraded.Count} edited as JSON: {string.Join(", ", report.Degraded)}" : string.Empty);
        if (report.Passed)
        {
            output.Line($"{(report.Degraded.Count > 0 ? "⚠" : "✔")} {name}: {summary}; the sample round trip is valid.", new Style(report.Degraded.Count > 0 ? Color.Yellow : Color.Green));
        }
        else
        {
            output.Line($"✖ {name}: {(report.Inputs > 0 ? summary : "no form")}", new Style(Color.Red));
        }

        if (report.Seen is { } seen)
        {
            PrintSeen(seen);
        }

        foreach (var note in report.Notes)
        {
            output.Line($"    note: {note}", new Style(Color.Grey));
        }

        foreach (var warning in report.Warnings)
        {
            output.Line($"    warning: {warning}", new Style(Color.Yellow));
        }

        foreach (var problem in report.Problems)
        {
            output.Line($"    {problem}");
        }
    }

    // What users will see, said only where there is something to say.
    private void PrintSeen(FormOverview seen)
    {
        var grey = new Style(Color.Grey);
        if (seen.Hidden.Count > 0)
        {
            output.Line($"    hidden: {seen.Hidden.Count} part(s) never shown (their defaults are saved): {string.Join(", ", seen.Hidden)}", grey);
        }

        if (seen.Sections.Count > 0)
        {
            output.Line($"    sections: {string.Join(", ", seen.Sections.Select(s => $"{s.Name} ({s.Fields})"))}", grey);
        }

        if (seen.CollapsedOptional > 0)
        {
            output.Line($"    optional: {seen.CollapsedOptional} field(s) start collapsed under \"Optional fields\"", grey);
        }

        if (seen.HelpWithMarkup.Count > 0)
        {
            output.Line($"    help with markup: {seen.HelpWithMarkup.Count}: {string.Join(", ", seen.HelpWithMarkup)}", grey);
        }
    }
}

using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Cli.Commands.Forms;

/// <summary>`flows forms …`: what connector authors run on their account schemas.</summary>
internal static class FormCommands
{
    public static Command Create(Func<IServiceProvider> services)
    {
        var json = new Option<bool>("--json") { Description = "Write JSON for scripts instead of text." };

        var files = new Argument<string[]>("schema") { Description = "Account schema files (JSON Schema 2020-12).", Arity = ArgumentArity.OneOrMore };
        var check = new Command("check", "Build the form of each schema, fill it with sample values, bind and validate them, and report fields, secrets and degraded parts.") { files, json };
        check.SetAction(result => services().GetRequiredService<CheckFormsHandler>().Run(result.GetValue(files) ?? [], result.GetValue(json)));

        var file = new Argument<string>("schema") { Description = "An account schema file." };
        var asJson = new Option<bool>("--json") { Description = "Dump the form model as JSON." };
        var asHtml = new Option<bool>("--html") { Description = "Write a standalone HTML preview page of the form." };
        var render = new Command("render", "Show the form a schema produces (--json: the form model; --html: a preview page).") { file, asJson, asHtml };
        render.SetAction(result => services().GetRequiredService<RenderFormHandler>().Run(result.GetValue(file)!, result.GetValue(asJson), result.GetValue(asHtml)));

        return new Command("forms", "Check and preview the forms built from account schemas.") { check, render };
    }
}

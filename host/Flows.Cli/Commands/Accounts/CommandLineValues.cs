using Flows.Host.Accounts;
using Flows.Cli.Output;
using Flows.Forms;

namespace Flows.Cli.Commands.Accounts;

/// <summary>
/// --label, --set, --set-from-env and --set-from-stdin as the values a form would post. Every name is
/// resolved against the form first (the rule the web API uses too), so a mistyped name is refused
/// rather than saved as nothing; and a secret is refused as a --set argument, where other users see
/// it in the process list and the shell keeps it in its history.
/// </summary>
internal sealed class CommandLineValues(CliOutput output)
{
    /// <summary>The values, or null when something given is wrong (each problem has been written).</summary>
    public FormValues? Read(AccountForm form, string? label, IReadOnlyList<FieldAssignment> fields, bool allowSecretArgument)
    {
        var resolved = new List<(FieldAssignment Assignment, string Name)>();
        var wrong = false;
        foreach (var field in fields)
        {
            var match = FieldNames.Resolve(form.Schema.Model, field.Field);
            if (match.Problem is { } problem)
            {
                output.Error($"{Given(field)}: {problem}");
                wrong = true;
            }
            else if (match.IsSecret && field.Kind == ValueSource.Literal && !allowSecretArgument)
            {
                output.Error(
                    $"{Given(field)}: '{field.Field}' is a secret, and a secret on the command line is seen by other users (in the process list) and kept in shell history. "
                    + $"Give it with --set-from-env {field.Field}=VARIABLE or --set-from-stdin {field.Field} (piped in), or leave it out and enter it in the form (in a terminal). "
                    + "--allow-secret-argument takes it from the command line anyway.");
                wrong = true;
            }
            else
            {
                resolved.Add((field, match.PostName!));
            }
        }

        if (wrong)
        {
            return null;
        }

        var values = new FormValues();
        if (label is not null)
        {
            values.Add(FormPath.Label, label);
        }

        foreach (var (field, name) in resolved)
        {
            if (ValueOf(field) is not { } value)
            {
                return null;
            }

            values.Add(name, value);
        }

        // A value inside a variant's option counts only while that option is chosen: naming the
        // option's field chooses it, unless the chooser itself was given.
        foreach (var (chooser, option) in resolved.SelectMany(r => FieldNames.ChosenOptions(r.Name)).Distinct().ToList())
        {
            if (!values.Contains(chooser))
            {
                values.Add(chooser, option);
            }
        }

        return values;
    }

    /// <summary>The values of <paramref name="old"/> that <paramref name="form"/> has fields for too, except those given.</summary>
    public static IEnumerable<FieldAssignment> Carried(AccountForm form, Flows.Host.Accounts.Account old, IReadOnlyList<FieldAssignment> given)
    {
        var shared = FormBinder.Unbind(form.Schema.Model, old.NonSecretValues);
        foreach (var name in shared.Names)
        {
            if (!given.Any(g => FieldNames.Resolve(form.Schema.Model, g.Field).PostName == name) && shared.Last(name) is { } value)
            {
                yield return new FieldAssignment(name, value, ValueSource.Literal);
            }
        }
    }

    private string? ValueOf(FieldAssignment field)
    {
        switch (field.Kind)
        {
            case ValueSource.Environment:
                if (Environment.GetEnvironmentVariable(field.Source) is not { } fromEnvironment)
                {
                    output.Error($"--set-from-env {field.Field}={field.Source}: the environment variable {field.Source} is not set.");
                    return null;
                }

                return fromEnvironment;
            case ValueSource.StandardInput:
                var piped = Console.In.ReadToEnd().TrimEnd('\r', '\n');
                if (piped.Length == 0)
                {
                    output.Error($"--set-from-stdin {field.Field}: nothing was piped in.");
                    return null;
                }

                return piped;
            default:
                return field.Source;
        }
    }

    // How the user wrote it, without the value (it may be a secret given under a mistyped name).
    private static string Given(FieldAssignment field) => field.Kind switch
    {
        ValueSource.Environment => $"--set-from-env {field.Field}={field.Source}",
        ValueSource.StandardInput => $"--set-from-stdin {field.Field}",
        _ => $"--set {field.Field}=…",
    };
}

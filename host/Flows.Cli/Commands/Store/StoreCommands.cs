using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace Flows.Cli.Commands.Store;

/// <summary>`flows store …`: the account store as a whole, such as moving it from SQLite to PostgreSQL.</summary>
internal static class StoreCommands
{
    public static Command Create(Func<IServiceProvider> services)
    {
        var from = new Option<string>("--from")
        {
            Description = "The store to copy from: a SQLite file, a PostgreSQL address (postgres://user:password@host:5432/db, or Host=…;Database=…), or default (the configured store, also when left out).",
        };
        var to = new Option<string>("--to")
        {
            Description = "The store to copy into, written the same way; its tables are created if it has none.",
            Required = true,
        };
        var intoNonEmpty = new Option<bool>("--into-non-empty") { Description = "Add the accounts to a store that already holds some; an id or label both have stops the copy before anything is written." };
        var json = new Option<bool>("--json") { Description = "Write the counts and the verification as JSON for scripts." };
        var copy = new Command("copy", "Copy every account, secret (still encrypted) and sign-in into another store in one transaction, then check that every secret decrypts there.")
        {
            from, to, intoNonEmpty, json,
        };
        copy.SetAction((r, ct) => services().GetRequiredService<StoreCopyHandler>().RunAsync(r.GetValue(from), r.GetValue(to)!, r.GetValue(intoNonEmpty), r.GetValue(json), ct));

        return new Command("store", "The account store as a whole: copy it to another (SQLite or PostgreSQL).") { copy };
    }
}

using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Data.Common;
using Flows.Host.Store;

namespace Flows.Host.Accounts;

public sealed partial class AccountStore
{
    /// <summary>
    /// A page of account summaries in the order of <see cref="ListAsync"/> (by label, then id), so
    /// that a list of any size is read in bounded steps. The cursor names the last account of a page
    /// (its label and id), not a position: accounts added or removed between pages neither repeat nor
    /// hide the others. Nothing is decrypted; a missing secret key is reported as by <see cref="ListAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The limit is outside 1 to <see cref="AccountPageQuery.MaxLimit"/>, or the cursor is not one this store gave.</exception>
    public Task<AccountPage> ListPageAsync(AccountPageQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, AccountPageQuery.MaxLimit, nameof(query));
        var after = query.After is null ? (PageCursor?)null : PageCursor.Parse(query.After);
        var needle = string.IsNullOrWhiteSpace(query.LabelContains) ? null : AccountLabels.Key(query.LabelContains);
        return Guarded(ListPageUnguardedAsync(query, needle, after, cancellationToken));
    }

    private async Task<AccountPage> ListPageUnguardedAsync(AccountPageQuery query, string? needle, PageCursor? after, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        if (query.PluginId is not null)
        {
            conditions.Add("a.plugin_id = @plugin");
        }

        if (query.AccountTypeId is not null)
        {
            conditions.Add("a.account_type_id = @type");
        }

        if (needle is not null)
        {
            conditions.Add(@"a.label_key LIKE @pattern ESCAPE '\'");
        }

        if (after is not null)
        {
            // The first term lets an index on label_key start at the cursor; the second is the row comparison written out.
            conditions.Add("a.label_key >= @afterKey AND (a.label_key > @afterKey OR (a.label_key = @afterKey AND a.id > @afterId))");
        }

        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        var sql = string.Create(
            CultureInfo.InvariantCulture,
            $"SELECT {SummaryColumns}, a.label_key FROM {SummarySource}{where} ORDER BY a.label_key, a.id LIMIT @limit");

        for (var attempt = 0; ; attempt++)
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var transaction = await _engine.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
                var summaries = new List<AccountSummary>(query.Limit + 1);
                var keys = new List<string>(query.Limit + 1);
                using (var select = Command(connection, transaction, sql))
                {
                    if (query.PluginId is not null)
                    {
                        select.With("@plugin", query.PluginId);
                    }

                    if (query.AccountTypeId is not null)
                    {
                        select.With("@type", query.AccountTypeId);
                    }

                    if (needle is not null)
                    {
                        select.With("@pattern", "%" + EscapeLike(needle) + "%");
                    }

                    if (after is { } cursor)
                    {
                        select.With("@afterKey", cursor.LabelKey);
                        select.With("@afterId", cursor.Id);
                    }

                    // One more than asked for: whether it exists says whether there is a next page.
                    select.With("@limit", query.Limit + 1);
                    using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        summaries.Add(ReadSummary(reader));
                        keys.Add(reader.GetString(SummaryColumnCount));
                    }
                }

                string? next = null;
                if (summaries.Count > query.Limit)
                {
                    summaries.RemoveAt(query.Limit);
                    next = new PageCursor(keys[query.Limit - 1], summaries[^1].Id).Format();
                }

                var missing = await FindMissingKeysAsync(connection, transaction, summaries, cancellationToken).ConfigureAwait(false);
                if (missing.Count > 0 && attempt == 0)
                {
                    continue; // A rotation may have finished between the read and the key lookup: look again.
                }

                return new AccountPage(
                    [.. summaries.Select(s => missing.TryGetValue(s.Id, out var problem) ? s with { SecretsProblem = problem } : s)], next);
            }
        }
    }

    private async Task<Dictionary<string, string>> FindMissingKeysAsync(
        DbConnection connection, DbTransaction transaction, List<AccountSummary> summaries, CancellationToken cancellationToken)
    {
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        if (summaries.Count == 0)
        {
            return missing;
        }

        var names = Enumerable.Range(0, summaries.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"@id{i}")).ToList();
        using var secretKeys = Command(
            connection, transaction, $"SELECT DISTINCT s.account_id, s.key_id FROM account_secrets s WHERE {IsFieldSecret} AND s.account_id IN ({string.Join(", ", names)})");
        for (var i = 0; i < summaries.Count; i++)
        {
            secretKeys.With(names[i], summaries[i].Id);
        }

        using var reader = await secretKeys.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        KeySnapshot? keys = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys ??= _keys.Load();
            var keyId = reader.GetString(1);
            if (!keys.Has(keyId))
            {
                missing.TryAdd(reader.GetString(0), MissingKeyProblem(keyId));
            }
        }

        return missing;
    }

    // The needle is matched literally: LIKE's own wildcards and the escape character in it are escaped.
    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    /// <summary>Where a page ends: the last account's label key and id, as base64url text (<c>id:labelKey</c>).</summary>
    private readonly record struct PageCursor(string LabelKey, string Id)
    {
        private const int IdLength = 36;

        public string Format() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Id + ":" + LabelKey));

        public static PageCursor Parse(string text)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            }
            catch (FormatException)
            {
                throw Invalid();
            }

            if (decoded.Length <= IdLength + 1 || decoded[IdLength] != ':' || !Guid.TryParseExact(decoded[..IdLength], "D", out var id))
            {
                throw Invalid();
            }

            return new PageCursor(decoded[(IdLength + 1)..], id.ToString("D"));
        }

        private static ArgumentException Invalid() =>
            new("The page cursor is not one this list gave (use the value of the last page's next link as it is).", "after");
    }
}

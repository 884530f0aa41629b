namespace Flows.Host.Tests.Accounts;

public abstract class AccountPageTests(StoreKind kind) : StoreTests(kind)
{
    private static readonly string[] Secrets = ["/password"];

    private static JsonObject Values(string? password = null) =>
        password is null ? new JsonObject { ["username"] = "ada" } : new JsonObject { ["username"] = "ada", ["password"] = password };

    private static async Task<List<Account>> SaveAsync(AccountStore store, IEnumerable<string> labels, string pluginId = "salesforce", string accountTypeId = "salesforce.oauth")
    {
        var saved = new List<Account>();
        foreach (var label in labels)
        {
            saved.Add(await store.SaveAsync(AccountStoreSandbox.Draft(label, Values(), pluginId, accountTypeId), Secrets));
        }

        return saved;
    }

    private static async Task<List<AccountSummary>> ReadAllAsync(AccountStore store, AccountPageQuery query, Func<int, Task>? betweenPages = null)
    {
        var all = new List<AccountSummary>();
        var page = await store.ListPageAsync(query);
        for (var number = 1; ; number++)
        {
            page.Accounts.Count.ShouldBeLessThanOrEqualTo(query.Limit);
            all.AddRange(page.Accounts);
            if (page.Next is null)
            {
                return all;
            }

            page.Accounts.Count.ShouldBe(query.Limit, "only the last page is short");
            if (betweenPages is not null)
            {
                await betweenPages(number);
            }

            page = await store.ListPageAsync(query with { After = page.Next });
        }
    }

    [Fact]
    public async Task ListPage_ReadToTheEnd_GivesEveryAccountOnceInTheOrderOfTheWholeList()
    {
        var store = Sandbox.Open();
        await SaveAsync(store, Enumerable.Range(1, 23).Select(i => $"Account {i % 7} {i:D2}"));

        var paged = await ReadAllAsync(store, new AccountPageQuery(Limit: 5));

        paged.Select(a => a.Id).ShouldBe((await store.ListAsync()).Select(a => a.Id));
        paged.Count.ShouldBe(23);
    }

    [Fact]
    public async Task ListPage_WhileAccountsAreAddedAndRemovedBetweenPages_NeitherRepeatsNorSkipsTheOthers()
    {
        var store = Sandbox.Open();
        var first = await SaveAsync(store, Enumerable.Range(0, 30).Select(i => $"M{i:D2}"));
        var removed = new HashSet<string>(StringComparer.Ordinal);

        var paged = await ReadAllAsync(store, new AccountPageQuery(Limit: 7), async number =>
        {
            // Before the cursor, after it, and with the same key as a label already read but another case.
            await SaveAsync(store, [$"A{number}", $"Z{number}", $"M{number:D2}x", $"m{number * 3:D2} new"]);
            var gone = first[29 - number];
            await store.DeleteAsync(gone.Id);
            removed.Add(gone.Id);
        });

        var ids = paged.Select(a => a.Id).ToList();
        ids.ShouldBeUnique();
        foreach (var account in first.Where(a => !removed.Contains(a.Id)))
        {
            ids.ShouldContain(account.Id, $"{account.Label} was there all along");
        }

        var keys = paged.Select(a => AccountLabels.Key(a.Label) + "\0" + a.Id).ToList();
        keys.SequenceEqual(keys.Order(StringComparer.Ordinal)).ShouldBeTrue("keyset order holds across pages");
        paged.Select(a => a.Label).ShouldContain("Z1", "an account added after the cursor is reached");
        paged.Select(a => a.Label).ShouldNotContain("A1", "an account added before the cursor is behind the reader");
    }

    [Fact]
    public async Task ListPage_WithAPluginAndAType_KeepsOnlyTheirAccounts()
    {
        var store = Sandbox.Open();
        await SaveAsync(store, ["S1", "S2"], "salesforce", "salesforce.oauth");
        await SaveAsync(store, ["S3"], "salesforce", "salesforce.standard");
        await SaveAsync(store, ["P1", "S4"], "postgresql", "postgresql.server");

        (await store.ListPageAsync(new AccountPageQuery(PluginId: "salesforce"))).Accounts.Select(a => a.Label).ShouldBe(["S1", "S2", "S3"]);
        (await store.ListPageAsync(new AccountPageQuery(AccountTypeId: "salesforce.standard"))).Accounts.Select(a => a.Label).ShouldBe(["S3"]);
        (await store.ListPageAsync(new AccountPageQuery(PluginId: "postgresql", LabelContains: "s"))).Accounts.Select(a => a.Label).ShouldBe(["S4"]);
        (await store.ListPageAsync(new AccountPageQuery(PluginId: "salesforce", AccountTypeId: "postgresql.server"))).Accounts.ShouldBeEmpty();
    }

    [Fact]
    public async Task ListPage_LabelContains_MatchesAnywhereInTheLabel_IgnoringCaseAndCompatibilityForms()
    {
        var store = Sandbox.Open();
        await SaveAsync(store, ["Sales EU", "EU sales", "Wholesale", "Support", "Ｓａｌｅｓ ＵＳ"]);

        var page = await store.ListPageAsync(new AccountPageQuery(LabelContains: "  SALE "));

        page.Accounts.Select(a => a.Label).ShouldBe(["EU sales", "Sales EU", "Ｓａｌｅｓ ＵＳ", "Wholesale"]);
        page.Next.ShouldBeNull();
        (await store.ListPageAsync(new AccountPageQuery(LabelContains: "   "))).Accounts.Count.ShouldBe(5, "a blank text filters nothing");
    }

    [Fact]
    public async Task ListPage_LabelContainsWildcardsOrTheEscapeCharacter_MatchesThemLiterally()
    {
        var store = Sandbox.Open();
        await SaveAsync(store, ["100% sure", "1000 sure", "snake_case", "snakeXcase", @"back\slash", "backslash", "plain"]);

        async Task<IEnumerable<string>> Find(string text) => (await store.ListPageAsync(new AccountPageQuery(LabelContains: text))).Accounts.Select(a => a.Label);

        (await Find("0%")).ShouldBe(["100% sure"]);
        (await Find("%")).ShouldBe(["100% sure"]);
        (await Find("e_c")).ShouldBe(["snake_case"]);
        (await Find("_")).ShouldBe(["snake_case"]);
        (await Find(@"k\s")).ShouldBe([@"back\slash"]);
        (await Find(@"\")).ShouldBe([@"back\slash"]);
    }

    [Fact]
    public async Task ListPage_PagesOfAFilter_FollowTheFilter()
    {
        var store = Sandbox.Open();
        await SaveAsync(store, Enumerable.Range(0, 12).Select(i => i % 2 == 0 ? $"even {i:D2}" : $"odd {i:D2}"));

        var paged = await ReadAllAsync(store, new AccountPageQuery(LabelContains: "EVEN", Limit: 4));

        paged.Select(a => a.Label).ShouldBe(["even 00", "even 02", "even 04", "even 06", "even 08", "even 10"]);
    }

    [Fact]
    public async Task ListPage_WhenTheLastPageIsFull_SaysThereIsNoNextPage()
    {
        var store = Sandbox.Open();
        await SaveAsync(store, ["a", "b", "c", "d"]);

        var first = await store.ListPageAsync(new AccountPageQuery(Limit: 2));
        var second = await store.ListPageAsync(new AccountPageQuery(Limit: 2, After: first.Next));

        first.Next.ShouldNotBeNull();
        second.Accounts.Select(a => a.Label).ShouldBe(["c", "d"]);
        second.Next.ShouldBeNull();
        (await store.ListPageAsync(new AccountPageQuery())).Accounts.Count.ShouldBe(4, "the default page holds 100");
    }

    [Theory]
    [InlineData("not a cursor!")]
    [InlineData("bm90LWEtZ3VpZDpTQUxFUw")] // "not-a-guid:SALES"
    [InlineData("")]
    public async Task ListPage_ABadCursor_IsAnArgumentException(string cursor)
    {
        var store = Sandbox.Open();
        await SaveAsync(store, ["a"]);

        var error = await Should.ThrowAsync<ArgumentException>(() => store.ListPageAsync(new AccountPageQuery(After: cursor)));

        error.ParamName.ShouldBe("after");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task ListPage_ALimitOutsideOneTo500_IsAnArgumentException(int limit)
    {
        var store = Sandbox.Open();

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.ListPageAsync(new AccountPageQuery(Limit: limit)));
    }

    [Fact]
    public async Task ListPage_AnAccountWhoseKeyIsMissing_SaysSo_AndTheOthersAreListed()
    {
        var store = Sandbox.Open(AccountStoreSandbox.NewKey());
        var secretive = await store.SaveAsync(AccountStoreSandbox.Draft("Sales", Values("pw")), Secrets);
        var plain = await store.SaveAsync(AccountStoreSandbox.Draft("Public", Values()), Secrets);

        var page = await Sandbox.Open(AccountStoreSandbox.NewKey()).ListPageAsync(new AccountPageQuery());

        page.Accounts.Single(a => a.Id == plain.Id).SecretsProblem.ShouldBeNull();
        page.Accounts.Single(a => a.Id == secretive.Id).SecretsProblem.ShouldNotBeNull().ShouldContain("is not available (key id ");
    }

    public sealed class OnPostgres() : AccountPageTests(StoreKind.Postgres);

    public sealed class OnSqlite() : AccountPageTests(StoreKind.Sqlite);
}

namespace Flows.Web.BrowserTests;

/// <summary>
/// The lists of the published-spec corpus: rows added and removed with and without JavaScript, Enter
/// in a text field, an optional list left empty, a required one left empty.
/// </summary>
[Collection(WebUiTests.Name)]
public sealed class PublishedSpecListTests(WebUiFixture fixture)
{
    private const string Secret = "typed-secret-9f3b7c";

    [Theory]
    [MemberData(nameof(CorpusForms.Lists), MemberType = typeof(CorpusForms))]
    public async Task Rows_added_and_removed_keep_everything_typed_and_Enter_never_presses_a_row_button(string accountType, string list, bool javaScript)
    {
        var spec = CorpusForms.Find(accountType);
        await using var session = await fixture.OpenAsync(new() { JavaScriptEnabled = javaScript });
        var page = session.Page;
        await page.GotoAsync(spec.AddForm);
        await CorpusForms.OpenEverythingAsync(page);
        var label = UniqueLabel(spec.Title);
        await page.Locator("[name='$label']").FillAsync(label);
        var secret = page.Locator("input[type=password]:visible").First;
        var hasSecret = await page.Locator("input[type=password]:visible").CountAsync() > 0;
        var secretName = hasSecret ? await secret.GetAttributeAsync("name") : null;
        if (hasSecret)
        {
            await secret.FillAsync(Secret);
        }

        var add = page.Locator($"button[name=add-row][value={CorpusForms.Css(list)}]");
        var rows = page.Locator($"fieldset.list[id={CorpusForms.Css(Id(list))}] > .rows > .row");
        var before = await rows.CountAsync();
        await add.ClickAsync();
        await Expect(rows).ToHaveCountAsync(before + 1);
        // Straight from the new row's first input, untouched, to "Add a row" again.
        await add.ClickAsync();
        await Expect(rows).ToHaveCountAsync(before + 2);
        await CorpusForms.OpenEverythingAsync(page);

        var last = rows.Last.Locator("input:is([type=text],[type=number],[type=url],[type=email],:not([type])):visible, select:visible").First;
        var lastName = await last.GetAttributeAsync("name");
        var typed = await TypeSomethingAsync(last);
        await rows.First.Locator(":scope > button[name=remove-row]").ClickAsync();
        await Expect(rows).ToHaveCountAsync(before + 1);

        await Expect(page.Locator($"[name={CorpusForms.Css(lastName!)}]")).ToHaveValueAsync(typed);
        await Expect(page.Locator("[name='$label']")).ToHaveValueAsync(label);
        if (secretName is not null)
        {
            var secretInput = page.Locator($"[name={CorpusForms.Css(secretName)}]");
            if (javaScript)
            {
                await Expect(secretInput).ToHaveValueAsync(Secret);
            }
            else
            {
                // Back from the server: kept sealed, shown as set, never in the page in clear.
                (await DescriptionAsync(page, secretInput)).ShouldContain("Set");
                await ShouldNotShowAsync(page, Secret);
            }
        }

        // Enter in a text field presses the form's primary action: the rows stay as they are.
        await page.Locator("[name='$label']").PressAsync("Enter");
        if (javaScript)
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
        }
        else
        {
            // Without the script Enter always posts the form, and the answer is either the form refused
            // or the saved account; waiting for one of them rather than for a load event, which can be
            // missed when the answer arrives while the wait is being set up.
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nothing was saved" }).Or(page.Locator(".notice"))).ToBeVisibleAsync();
        }

        if (page.Url.Contains("/new/", StringComparison.Ordinal))
        {
            // Refused: in the page by the script (required inputs left empty), or by the server.
            if (!javaScript)
            {
                await WaitForRefusalAsync(page);
            }

            await Expect(rows).ToHaveCountAsync(before + 1);
            await Expect(page.Locator($"[name={CorpusForms.Css(lastName!)}]")).ToHaveValueAsync(typed);
        }

        session.ShouldBeClean();
    }

    [Theory]
    [MemberData(nameof(CorpusForms.OptionalLists), MemberType = typeof(CorpusForms))]
    public async Task An_optional_list_left_empty_saves(string accountType, string list)
    {
        var spec = CorpusForms.Find(accountType);
        var sample = CorpusForms.Sample(spec);
        var withoutList = new Flows.Forms.FormValues();
        foreach (var name in sample.Names.Where(n => !n.StartsWith(list + "[", StringComparison.Ordinal)))
        {
            withoutList.Add(name, sample.Last(name)!);
        }

        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync(spec.AddForm);
        await page.Locator("[name='$label']").FillAsync(UniqueLabel(spec.Title));
        await CorpusForms.FillAsync(page, withoutList);
        await Expect(page.Locator($"fieldset.list[id={CorpusForms.Css(Id(list))}] > .rows > .row")).ToHaveCountAsync(0);

        await Button(page, "Apply").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/connectors/fixture\.corpus\?account=[^&]+&notice=saved$"));
        session.ShouldBeClean();
    }

    [Theory]
    [MemberData(nameof(CorpusForms.RequiredLists), MemberType = typeof(CorpusForms))]
    public async Task A_required_list_left_empty_shows_its_message_beside_it(string accountType, string list, bool blankRowIsLeftOut)
    {
        var spec = CorpusForms.Find(accountType);
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync(spec.AddForm);
        var rows = page.Locator($"fieldset.list[id={CorpusForms.Css(Id(list))}] > .rows > .row");
        while (await rows.CountAsync() > 0)
        {
            await rows.First.Locator(":scope > button[name=remove-row]").ClickAsync();
        }

        await page.Locator("[name='$label']").FillAsync(UniqueLabel(spec.Title));
        await Button(page, "Apply").ClickAsync();

        // In the page at once, beside the list (the script knows the list may not be empty)…
        var message = page.Locator($"[id={CorpusForms.Css(Id(list) + "-error")}]");
        await Expect(message).ToContainTextAsync("is required");
        await Expect(page.Locator($"fieldset.list[id={CorpusForms.Css(Id(list))}]")).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex("-error"));
        session.ShouldBeClean();

        // …and from the server without JavaScript, linked from the summary. (An S3 stream's blank row
        // holds its defaults, so it is checked as a row rather than left out.)
        if (!blankRowIsLeftOut)
        {
            return;
        }

        await using var plain = await fixture.OpenAsync(new() { JavaScriptEnabled = false });
        await plain.Page.GotoAsync(spec.AddForm);
        // Without the script a required list always offers its first row; left blank, it is left out.
        await plain.Page.Locator("[name='$label']").FillAsync(UniqueLabel(spec.Title));
        await Button(plain.Page, "Apply").ClickAsync();

        await WaitForRefusalAsync(plain.Page);
        await Expect(plain.Page.Locator($"[id={CorpusForms.Css(Id(list) + "-error")}]")).ToContainTextAsync("required");
        await Expect(plain.Page.Locator($".summary a[href={CorpusForms.Css("#" + Id(list))}]")).ToBeVisibleAsync();
        plain.ShouldBeClean();
    }

    // Something the input takes, typed into it; what it then holds.
    private static async Task<string> TypeSomethingAsync(ILocator input)
    {
        switch (await input.EvaluateAsync<string>("e => e.tagName === 'SELECT' ? 'select' : e.type"))
        {
            case "select":
                var options = await input.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value).filter(v => v !== '')");
                await input.SelectOptionAsync(options[^1]);
                return options[^1];
            case "number":
                await input.FillAsync("42");
                return "42";
            default:
                await input.FillAsync("kept-row-text");
                return "kept-row-text";
        }
    }

    // The page's id for a post name (letters and digits kept, everything else as _xxxx).
    private static string Id(string path) =>
        "f-" + string.Concat(path.Select(c => char.IsAsciiLetterOrDigit(c) ? c.ToString() : "_" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)));
}

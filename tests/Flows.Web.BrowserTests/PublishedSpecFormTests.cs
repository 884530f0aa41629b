using System.Text.RegularExpressions;

namespace Flows.Web.BrowserTests;

/// <summary>
/// Every form of the published-spec corpus (tests/Fixtures/CorpusPlugin) as people use it: on a desk
/// and on a phone, switching variants back and forth, filling it in and saving it with Apply, and
/// opening the saved account again.
/// </summary>
[Collection(WebUiTests.Name)]
public sealed partial class PublishedSpecFormTests(WebUiFixture fixture)
{
    // The widest thing in the page, after every collapsed part is opened and every variant option shown in turn.
    private const string Overflow = """
        () => {
          document.querySelectorAll('details').forEach(d => d.open = true);
          const wide = [];
          const measure = () => {
            const limit = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth > limit) {
              for (const e of document.querySelectorAll('main *')) {
                const r = e.getBoundingClientRect();
                if (r.width > 0 && r.right > limit + 1) { wide.push(`${e.tagName.toLowerCase()}#${e.id}.${e.className} right=${Math.round(r.right)} > ${limit}`); break; }
              }
            }
          };
          measure();
          for (const radio of document.querySelectorAll('fieldset.variant input[type=radio]')) {
            if (radio.offsetParent !== null) { radio.click(); measure(); }
          }
          return wide.slice(0, 5);
        }
        """;

    public static TheoryData<string> AccountTypes() => CorpusForms.AccountTypes();

    [Theory]
    [MemberData(nameof(AccountTypes))]
    public async Task Each_form_fits_a_desk_and_a_phone_without_scrolling_sideways(string accountType)
    {
        var spec = CorpusForms.Find(accountType);
        foreach (var width in new[] { 1280, 360 })
        {
            await using var session = await fixture.OpenAsync(new() { ViewportSize = new ViewportSize { Width = width, Height = 800 } });
            await session.Page.GotoAsync(spec.AddForm);

            var wide = await session.Page.EvaluateAsync<string[]>(Overflow);

            wide.ShouldBeEmpty($"{spec.File} at {width} px scrolls sideways");
            session.ShouldBeClean();
        }
    }

    // Every checkbox in view, with every collapsed part opened and each variant option shown in turn:
    // how far its label starts from the box's left edge (a box stretched over a wide column is drawn
    // in its middle), and whether they share a line.
    private const string CheckboxGaps = """
        () => {
          document.querySelectorAll('details').forEach(d => d.open = true);
          const seen = new Map();
          const measure = () => {
            for (const box of document.querySelectorAll('.field-boolean > input[type=checkbox]')) {
              if (box.offsetParent === null || seen.has(box.name)) continue;
              const label = document.querySelector(`label[for="${box.id}"]`).getBoundingClientRect();
              const b = box.getBoundingClientRect();
              const sameLine = b.top < label.bottom && label.top < b.bottom;
              seen.set(box.name, `${box.name}: label ${Math.round(label.left - b.left)} px from the box's left edge${sameLine ? '' : ', on another line'}`);
            }
          };
          measure();
          for (const radio of document.querySelectorAll('fieldset.variant input[type=radio]')) {
            if (radio.offsetParent !== null) { radio.click(); measure(); }
          }
          return [...seen.values()];
        }
        """;

    [Theory]
    [MemberData(nameof(CorpusForms.WithCheckboxes), MemberType = typeof(CorpusForms))]
    public async Task Each_checkbox_sits_just_before_its_label_on_a_phone(string accountType)
    {
        var spec = CorpusForms.Find(accountType);
        await using var session = await fixture.OpenAsync(new() { ViewportSize = new ViewportSize { Width = 360, Height = 800 } });
        await session.Page.GotoAsync(spec.AddForm);

        var gaps = await session.Page.EvaluateAsync<string[]>(CheckboxGaps);

        gaps.ShouldNotBeEmpty($"{spec.File} has checkboxes");
        gaps.Where(g => !JustBefore().IsMatch(g)).ShouldBeEmpty($"{spec.File} at 360 px: a checkbox apart from its label");
        session.ShouldBeClean();
    }

    [Theory]
    [MemberData(nameof(AccountTypes))]
    public async Task Every_variant_switched_away_and_back_keeps_what_was_typed_secrets_included(string accountType)
    {
        var spec = CorpusForms.Find(accountType);
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync(spec.AddForm);
        await CorpusForms.OpenEverythingAsync(page);

        // Type into the first inputs of every option of every chooser, visiting each option in turn…
        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        var choosers = page.Locator("fieldset.variant");
        var count = await choosers.CountAsync();
        for (var i = 0; i < count; i++)
        {
            var chooser = choosers.Nth(i);
            if (!await chooser.IsVisibleAsync())
            {
                continue;
            }

            var radios = chooser.Locator(":scope > label > input[type=radio], :scope > .choices input[type=radio]");
            for (var option = 0; option < await radios.CountAsync(); option++)
            {
                await radios.Nth(option).CheckAsync();
                var inputs = chooser.Locator($".option[data-option='{option}'] :is(input[type=text], input[type=password], input[type=url], textarea):visible");
                for (var n = 0; n < Math.Min(2, await inputs.CountAsync()); n++)
                {
                    var input = inputs.Nth(n);
                    var name = await input.GetAttributeAsync("name");
                    if (name is null || typed.ContainsKey(name))
                    {
                        continue;
                    }

                    var text = $"typed-{typed.Count}";
                    await input.FillAsync(text);
                    typed[name] = text;
                }
            }

            // …then back to the first option and through all of them again.
            for (var option = 0; option < await radios.CountAsync(); option++)
            {
                await radios.Nth(option).CheckAsync();
            }

            await radios.First.CheckAsync();
        }

        foreach (var (name, text) in typed)
        {
            (await page.Locator($"[name={CorpusForms.Css(name)}]").InputValueAsync()).ShouldBe(text, $"{spec.File}: {name} lost what was typed");
        }

        session.ShouldBeClean();
    }

    [Theory]
    [MemberData(nameof(AccountTypes))]
    public async Task Filled_in_and_applied_it_saves_the_account_chooses_it_and_edit_shows_its_secrets_only_as_set(string accountType)
    {
        var spec = CorpusForms.Find(accountType);
        var sample = CorpusForms.Sample(spec);
        var secrets = CorpusForms.SecretNames(spec, sample);
        var label = UniqueLabel(spec.Title);
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.GotoAsync(spec.AddForm);
        await page.Locator("[name='$label']").FillAsync(label);
        await CorpusForms.FillAsync(page, sample);
        await Button(page, "Apply").ClickAsync();

        await ShouldBeSavedAsync(page, spec);
        (await SelectedTextAsync(AccountDropdown(page))).ShouldContain(label);
        var accountId = SavedOnCorpusPage().Match(page.Url).Groups["id"].Value;
        foreach (var name in secrets)
        {
            await ShouldNotShowAsync(page, sample.Last(name)!);
        }

        await page.GotoAsync($"/accounts/{accountId}/edit");
        await CorpusForms.OpenEverythingAsync(page);
        foreach (var name in secrets)
        {
            var input = page.Locator($"[name={CorpusForms.Css(name)}]");
            (await input.InputValueAsync()).ShouldBeEmpty($"{spec.File}: {name} is never written back");
            (await DescriptionAsync(page, input)).ShouldContain("Set", Case.Sensitive, $"{spec.File}: {name} shows it is set");
            await ShouldNotShowAsync(page, sample.Last(name)!);
        }

        // Left empty, the secrets are kept: the account still saves (a required secret would be refused otherwise).
        await Button(page, "Apply").ClickAsync();
        await ShouldBeSavedAsync(page, spec);
        session.ShouldBeClean();
    }

    // Saved and back on the connector page; a refusal fails with what the page says. A machine busy with
    // the other suites can be slow to answer: hence the longer wait, and the server's own log in the
    // failure, to tell a slow answer from a stuck request.
    private async Task ShouldBeSavedAsync(IPage page, CorpusForms.Spec spec)
    {
        try
        {
            // The answer itself (refused or saved), not a load event, which can be missed when the
            // page arrives while the wait is being set up.
            await Expect(page.Locator(".summary").Or(page.Locator(".notice"))).ToBeVisibleAsync(new() { Timeout = 90_000 });
        }
        catch (PlaywrightException exception)
        {
            throw new TimeoutException($"{spec.File}: the page did not load after Apply; the server said:\n{fixture.Server.Output}", exception);
        }

        if (!SavedOnCorpusPage().IsMatch(page.Url) && await page.Locator(".summary").CountAsync() > 0)
        {
            var said = await page.Locator(".summary, .error").AllInnerTextsAsync();
            said.ShouldBeEmpty($"{spec.File}: Apply was refused");
        }

        await Expect(page).ToHaveURLAsync(SavedOnCorpusPage(), new() { Timeout = 90_000 });
    }

    [GeneratedRegex(@": label ([0-9]|[1-3][0-9]) px from the box's left edge$")]
    private static partial Regex JustBefore();

    [GeneratedRegex(@"/connectors/fixture\.corpus\?account=(?<id>[^&]+)&notice=saved$")]
    private static partial Regex SavedOnCorpusPage();
}

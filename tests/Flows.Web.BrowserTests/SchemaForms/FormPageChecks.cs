namespace Flows.Web.BrowserTests.SchemaForms;

/// <summary>What any schema form page must be, read from the page as a browser shows it.</summary>
public static class FormPageChecks
{
    // The form's own inputs as a person sees them; hidden tokens and secrets (never shown back) are not values to keep.
    private const string Kept = "form.schema-form input:not([type=hidden]):not([type=password]):not([type=file]), form.schema-form select, form.schema-form textarea:not(.secret-text)";

    /// <summary>Every visible input, select and textarea has an accessible name (a label, aria-label or aria-labelledby).</summary>
    public static async Task EveryVisibleInputShouldHaveANameAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var inputs = page.Locator("input:not([type=hidden]):visible, select:visible, textarea:visible");
        var unnamed = new List<string>();
        foreach (var input in await inputs.AllAsync())
        {
            var name = await input.EvaluateAsync<string>(AccessibleName);
            if (string.IsNullOrWhiteSpace(name))
            {
                unnamed.Add(await input.EvaluateAsync<string>("e => e.outerHTML"));
            }
        }

        unnamed.ShouldBeEmpty($"{page.Url}: inputs without a name");
    }

    /// <summary>Nothing is wider than the window: the page does not scroll sideways (the message names the outermost elements that stick out).</summary>
    public static async Task NothingShouldBeWiderThanTheWindowAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        if (widths[0] > widths[1])
        {
            var wide = await page.EvaluateAsync<string[]>("""
                () => Array.from(document.querySelectorAll('body *'))
                  .filter(e => e.getBoundingClientRect().right > document.scrollingElement.clientWidth + 0.5 && !(e.parentElement.getBoundingClientRect().right > document.scrollingElement.clientWidth + 0.5))
                  .slice(0, 8)
                  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.getAttribute('name') ? '[name=' + e.getAttribute('name') + ']' : '') + ' right=' + Math.round(e.getBoundingClientRect().right))
                """);
            widths[0].ShouldBeLessThanOrEqualTo(widths[1], $"{page.Url}: scrollWidth {widths[0]} > clientWidth {widths[1]}; sticking out: {string.Join(", ", wide)}");
        }
    }

    /// <summary>What the form's inputs hold now, by name (a box's or a radio's "checked" state, else its value), in page order.</summary>
    public static Task<string[]> ShownValuesAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator(Kept).EvaluateAllAsync<string[]>(
            "els => els.filter(e => !e.closest('template')).map(e => e.name + '=' + ((e.type === 'checkbox' || e.type === 'radio') ? (e.checked ? 'checked:' + e.value : '') : e.value))");
    }

    /// <summary>The refused page's summary links to each field that needs attention, and each such field names a message beside it.</summary>
    public static async Task<string[]> MessagesBesideFieldsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var targets = await page.Locator(".summary a[href^='#']").EvaluateAllAsync<string[]>("els => els.map(a => a.getAttribute('href').slice(1))");
        targets.ShouldNotBeEmpty($"{page.Url}: the summary links to no field");
        var messages = new List<string>();
        foreach (var id in targets)
        {
            var beside = await page.Locator($"[id='{id}']").EvaluateAsync<string>("""
                f => (f.getAttribute('aria-describedby') || '').split(' ').filter(x => x)
                  .map(x => document.getElementById(x)).filter(e => e && e.classList.contains('error'))
                  .map(e => e.textContent.trim()).join(' ')
                """);
            beside.ShouldNotBeNullOrWhiteSpace($"{page.Url}: the field #{id} has no message beside it");
            messages.Add($"{id}: {beside}");
        }

        return [.. messages];
    }

    /// <summary>What a screen reader would call the focused element (its label, without the required mark).</summary>
    public static Task<string> FocusedNameAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.EvaluateAsync<string>("() => { const el = document.activeElement; return el && el !== document.body ? (" + AccessibleName + ")(el) : ''; }");
    }

    // A close reading of the accessible name (labels, aria-labelledby, aria-label, a button's text),
    // with aria-hidden parts (the required mark) left out.
    private const string AccessibleName = """
        e => {
          const text = n => Array.from(n.childNodes).map(c => c.nodeType === 3 ? c.textContent : (c.nodeType === 1 && c.getAttribute('aria-hidden') !== 'true' && !['INPUT', 'SELECT', 'TEXTAREA'].includes(c.tagName) ? text(c) : '')).join('');
          const by = (e.getAttribute('aria-labelledby') || '').split(' ').map(id => document.getElementById(id)).filter(x => x).map(text).join(' ');
          const labels = e.labels ? Array.from(e.labels).map(text).join(' ') : '';
          const own = ['BUTTON', 'A', 'SUMMARY'].includes(e.tagName) ? text(e) : '';
          return (by || e.getAttribute('aria-label') || labels || own || e.getAttribute('title') || '').replace(/\s+/g, ' ').trim();
        }
        """;
}

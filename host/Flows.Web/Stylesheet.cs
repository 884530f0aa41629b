namespace Flows.Web;

/// <summary>The one small stylesheet: readable on a narrow screen, no web fonts, nothing from a CDN.</summary>
public static class Stylesheet
{
    public const string Css = """
        body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
        main{max-width:42rem;margin:0 auto;padding:1rem}
        .field{margin:0 0 1rem}label{display:block;font-weight:600}
        input,select,textarea{width:100%;box-sizing:border-box;padding:.5rem;font:inherit}
        input[type=checkbox],input[type=radio]{width:auto}
        .help,.note,.secret-set{color:#555;margin:.25rem 0;font-size:.9rem}
        .error{color:#b00020;margin:.25rem 0}.required{color:#b00020}
        fieldset{border:1px solid #ccc;margin:0 0 1rem;padding:.75rem}
        .choice{display:inline-block;font-weight:400;margin-right:1rem}
        .actions button{margin-right:.5rem;padding:.5rem 1rem;font:inherit}
        """;
}

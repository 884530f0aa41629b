using CsCheck;
using Flows.Forms.Tests.PropertyBased;

namespace Flows.Host.Tests.Forms;

/// <summary><c>forms check</c> over any text an author may hand it: generated account schemas, mutilated ones, any JSON, noise.</summary>
public sealed class FormCheckPropertyTests
{
    // Each check builds a form and fills it in, so this runs as many iterations as the engine's own load property.
    private const int CheckIterations = 1_000;

    [Fact]
    public void FormsCheck_ForAnyText_NeverThrows() =>
        GeneratedSchemas.AnyText.Sample(
            schema =>
            {
                FormCheck.Run(schema);
            },
            iter: CheckIterations,
            print: schema => schema);
}

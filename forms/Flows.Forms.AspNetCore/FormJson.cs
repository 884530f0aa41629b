namespace Flows.Forms.AspNetCore;

// Source-generated, so rendering a form never emits serialisation code at run time.
[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class FormJson : System.Text.Json.Serialization.JsonSerializerContext;

namespace Flows.Web.Api;

/// <summary>
/// Says which JSON body an endpoint reads, for the OpenAPI document only. Unlike <c>Accepts&lt;T&gt;</c>
/// it does not let routing turn away other content types with a bare 415: the API answers those
/// itself, with a problem that says what to send.
/// </summary>
internal sealed record JsonBodyMetadata(Type BodyType);

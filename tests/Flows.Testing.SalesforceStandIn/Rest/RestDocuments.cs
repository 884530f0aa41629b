using System.Text.Json.Nodes;

namespace Flows.Testing.SalesforceStandIn.Rest;

/// <summary>The JSON bodies of the REST answers, shaped like Salesforce's.</summary>
internal static class RestDocuments
{
    private static readonly string[] Resources =
    [
        "tooling", "metadata", "eclair", "folders", "chatter", "tabs", "appMenu", "quickActions", "queryAll",
        "analytics", "search", "composite", "parameterizedSearch", "theme", "recent", "connect", "limits",
        "process", "query", "sobjects", "actions", "support",
    ];

    public static JsonArray Versions() =>
        [.. ApiVersions.Rest.Select(v => new JsonObject
        {
            ["label"] = v.Label,
            ["url"] = $"/services/data/v{v.Version}",
            ["version"] = v.Version,
        })];

    public static JsonObject ResourceMap(string baseUrl, string version, RestCaller caller)
    {
        var map = new JsonObject();
        foreach (var resource in Resources)
        {
            map[resource] = $"/services/data/v{version}/{resource}";
        }

        map["identity"] = IdentityUrl(baseUrl, caller);
        return map;
    }

    public static JsonObject UserInfo(string baseUrl, RestCaller caller)
    {
        var (user, org) = (caller.User, caller.Org);
        return new JsonObject
        {
            ["sub"] = IdentityUrl(baseUrl, caller),
            ["user_id"] = user.UserId,
            ["organization_id"] = org.Id,
            ["preferred_username"] = user.Username,
            ["nickname"] = user.Username.Split('@')[0],
            ["name"] = user.FullName,
            ["email"] = user.EmailOrUsername,
            ["email_verified"] = true,
            ["given_name"] = user.FullName.Split(' ')[0],
            ["family_name"] = user.FullName.Split(' ')[^1],
            ["zoneinfo"] = "America/Los_Angeles",
            ["photos"] = new JsonObject
            {
                ["picture"] = $"{baseUrl}/profilephoto/005/F",
                ["thumbnail"] = $"{baseUrl}/profilephoto/005/T",
            },
            ["profile"] = $"{baseUrl}/{user.UserId}",
            ["picture"] = $"{baseUrl}/profilephoto/005/F",
            ["address"] = new JsonObject { ["country"] = "US" },
            ["is_salesforce_integration_user"] = false,
            ["urls"] = Urls(baseUrl, caller),
            ["active"] = true,
            ["user_type"] = "STANDARD",
            ["language"] = "en_US",
            ["locale"] = "en_US",
            ["utcOffset"] = -28800000,
            ["updated_at"] = "2025-06-02T09:15:00Z",
            ["is_app_installed"] = true,
        };
    }

    /// <summary>What the identity URL (a token answer's <c>id</c>) answers.</summary>
    public static JsonObject Identity(string baseUrl, RestCaller caller)
    {
        var (user, org) = (caller.User, caller.Org);
        return new JsonObject
        {
            ["id"] = IdentityUrl(baseUrl, caller),
            ["asserted_user"] = true,
            ["user_id"] = user.UserId,
            ["organization_id"] = org.Id,
            ["username"] = user.Username,
            ["nick_name"] = user.Username.Split('@')[0],
            ["display_name"] = user.FullName,
            ["email"] = user.EmailOrUsername,
            ["email_verified"] = true,
            ["first_name"] = user.FullName.Split(' ')[0],
            ["last_name"] = user.FullName.Split(' ')[^1],
            ["timezone"] = "America/Los_Angeles",
            ["photos"] = new JsonObject
            {
                ["picture"] = $"{baseUrl}/profilephoto/005/F",
                ["thumbnail"] = $"{baseUrl}/profilephoto/005/T",
            },
            ["addr_country"] = "US",
            ["urls"] = Urls(baseUrl, caller),
            ["active"] = true,
            ["user_type"] = "STANDARD",
            ["language"] = "en_US",
            ["locale"] = "en_US",
            ["utcOffset"] = -28800000,
            ["last_modified_date"] = "2025-06-02T09:15:00.000+0000",
            ["is_app_installed"] = true,
        };
    }

    public static JsonObject OrganizationRecords(string version, StandInOrg org, IReadOnlyList<string> fields)
    {
        var record = new JsonObject
        {
            ["attributes"] = new JsonObject
            {
                ["type"] = "Organization",
                ["url"] = $"/services/data/v{version}/sobjects/Organization/{org.Id}",
            },
        };
        foreach (var field in fields)
        {
            record[field] = field switch
            {
                "Id" => org.Id,
                "Name" => org.Name,
                "IsSandbox" => org.IsSandbox,
                _ => org.InstanceName,
            };
        }

        return new JsonObject { ["totalSize"] = 1, ["done"] = true, ["records"] = new JsonArray(record) };
    }

    private static JsonObject Urls(string baseUrl, RestCaller caller)
    {
        var (user, org) = (caller.User, caller.Org);
        var soap = $"{baseUrl}/services/Soap";
        var rest = $"{baseUrl}/services/data/v{{version}}";
        return new JsonObject
        {
            ["enterprise"] = $"{soap}/c/{{version}}/{org.Id}",
            ["metadata"] = $"{soap}/m/{{version}}/{org.Id}",
            ["partner"] = $"{soap}/u/{{version}}/{org.Id}",
            ["rest"] = $"{rest}/",
            ["sobjects"] = $"{rest}/sobjects/",
            ["search"] = $"{rest}/search/",
            ["query"] = $"{rest}/query/",
            ["recent"] = $"{rest}/recent/",
            ["tooling_soap"] = $"{soap}/T/{{version}}/{org.Id}",
            ["tooling_rest"] = $"{rest}/tooling/",
            ["profile"] = $"{baseUrl}/{user.UserId}",
            ["feeds"] = $"{rest}/chatter/feeds",
            ["groups"] = $"{rest}/chatter/groups",
            ["users"] = $"{rest}/chatter/users",
            ["feed_items"] = $"{rest}/chatter/feed-items",
            ["feed_elements"] = $"{rest}/chatter/feed-elements",
            ["custom_domain"] = baseUrl,
        };
    }

    private static string IdentityUrl(string baseUrl, RestCaller caller) => $"{baseUrl}/id/{caller.Org.Id}/{caller.User.UserId}";
}

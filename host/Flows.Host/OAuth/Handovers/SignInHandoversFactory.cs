using Flows.Host.Accounts;
using Flows.Host.Store;
using Flows.Host.Store.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flows.Host.OAuth.Handovers;

/// <summary>Which hand-overs a store calls for: in memory for a SQLite file (one node), in the database the nodes of a PostgreSQL store share.</summary>
internal static class SignInHandoversFactory
{
    public static SignInHandovers Create(IServiceProvider services)
    {
        var time = services.GetRequiredService<TimeProvider>();
        if (services.GetRequiredService<NodeSharing>().Documents is not { } shared)
        {
            return new MemorySignInHandovers(time);
        }

        var keys = new SecretKeyRing(services.GetRequiredService<AccountStoreOptions>(), services.GetRequiredService<ILogger<SignInHandovers>>());
        return new PostgresSignInHandovers(shared, new HandoverSeal(keys), time);
    }
}

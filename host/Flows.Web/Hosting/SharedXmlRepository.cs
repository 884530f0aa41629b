using System.Xml.Linq;
using Flows.Host.Store;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Flows.Web.Hosting;

/// <summary>
/// The data protection keys of a server whose store is shared by several nodes, kept in the store's
/// shared documents: antiforgery tokens, sign-in cookies, sealed secret drafts and OAuth state made by
/// one node are read by every other (a form opened on node A posts to node B).
/// </summary>
internal sealed class SharedXmlRepository(SharedDocuments documents) : IXmlRepository
{
    private const string Kind = "data-protection-key";

    public IReadOnlyCollection<XElement> GetAllElements() =>
        documents.ReadAll(Kind).Select(d => XElement.Parse(d.Body)).ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        // Key names are unique per key ("key-<guid>"); a key is never rewritten, only new ones added.
        documents.Put(Kind, string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName, element.ToString(SaveOptions.DisableFormatting));
    }
}

using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Infrastructure;

/// <summary>The app on Kestrel, listening on a free loopback port, for tests that need real HTTP on a socket (the
/// in-memory test server parses no HTTP).</summary>
public sealed class KestrelApp : DanVanApp
{
    public KestrelApp() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    public int Port { get; private set; }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        var address = Services
            .GetRequiredService<IServer>()
            .Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Single();
        Port = new Uri(address).Port;
    }
}

using ComparisonGrid.Gateway;

// appsettings.json and the dashboard ship beside the assembly, so they are found wherever the gateway is
// started from; relative data and sample folders are taken from the working directory, like the CLI's.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = GatewayArguments.Normalise(args),
    ContentRootPath = AppContext.BaseDirectory,
});
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

try
{
    builder.AddGateway();
}
catch (ComparisonGrid.Hosting.GridConfigurationException e)
{
    await Console.Error.WriteLineAsync($"gateway: {e.Message}");
    return 78;
}

var app = builder.Build();
app.UseGateway();

try
{
    await app.RunAsync();
}
catch (ComparisonGrid.Hosting.GridConfigurationException e)
{
    // Found while starting (a PostgreSQL database without the schema): one line, the process ends.
    await Console.Error.WriteLineAsync($"gateway: {e.Message}");
    return 78;
}
return 0;

/// <summary>The gateway's entry point; public so integration tests can host it (WebApplicationFactory).</summary>
public partial class Program;

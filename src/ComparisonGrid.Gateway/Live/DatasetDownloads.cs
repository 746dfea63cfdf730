using ComparisonGrid.Application.Export.Dataset;
using ComparisonGrid.Application.Export.Tables;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Live;

/// <summary>
/// Dataset exports served by the API, one at a time: each is written to a private temporary folder (tables stream
/// there, so memory stays flat), zipped into a temporary file that is deleted when the response has been sent.
/// </summary>
public sealed class DatasetDownloads(IGrainFactory grains, TimeProvider clock, IOptions<GatewayOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>The zip, positioned at its start; disposing it deletes it.</summary>
    /// <exception cref="GatewayBusyException">Another export did not finish within <see cref="GatewayOptions.ExportWait"/>.</exception>
    public async Task<Stream> BuildAsync(TableFormat format, DatasetFilter filter, CancellationToken cancellationToken)
    {
        if (!await _one.WaitAsync(options.Value.ExportWait, cancellationToken).ConfigureAwait(false))
        {
            throw new GatewayBusyException("a dataset export is being built; one is built at a time, try again shortly", retryAfterSeconds: 30);
        }
        var folder = Directory.CreateTempSubdirectory("cgrid-dataset-");
        try
        {
            var manifest = await new DatasetExporter(grains, clock).ExportAsync(folder.FullName, format, filter, null, cancellationToken).ConfigureAwait(false);
            // In the private folder too: nobody else can open it, and it goes when the response is sent.
            var zip = new FileStream(Path.Combine(folder.FullName, "dataset.zip"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Delete, 1 << 16,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            try
            {
                await DatasetExporter.ZipAsync(folder.FullName, manifest, zip, cancellationToken).ConfigureAwait(false);
                zip.Position = 0;
                return zip;
            }
            catch
            {
                await zip.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            // The tables go now; the zip, deleted on close, is unlinked with the folder and lives on through its handle.
            folder.Delete(recursive: true);
            _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();
}

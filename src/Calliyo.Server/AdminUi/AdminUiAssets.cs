using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;

namespace Calliyo.Server.AdminUi;

/// <summary>
/// The CSS and JavaScript of the admin pages: the files under <c>wwwroot/</c>, embedded in this
/// assembly so that the pages work wherever the binary runs (a test's output folder, a container)
/// without a content root. Served under <see cref="RequestPath"/>.
/// </summary>
public sealed class AdminUiAssets
{
    public const string RequestPath = "/assets";

    public AdminUiAssets()
    {
        Files = new EmbeddedFileProvider(typeof(AdminUiAssets).Assembly, "Calliyo.Server.wwwroot");
        Version = ComputeVersion(Files);
    }

    public IFileProvider Files { get; }

    /// <summary>A hash of every asset, appended to asset URLs so that browsers fetch new files after an upgrade.</summary>
    public string Version { get; }

    /// <summary>Returns the URL of an asset such as <c>css/app.css</c>, with the version appended.</summary>
    public string Url(string path) => $"{RequestPath}/{path}?v={Version}";

    private static string ComputeVersion(IFileProvider files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files.GetDirectoryContents("").OrderBy(file => file.Name, StringComparer.Ordinal))
        {
            using var stream = file.CreateReadStream();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            hash.AppendData(copy.ToArray());
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}

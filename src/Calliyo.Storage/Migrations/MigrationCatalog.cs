using System.Globalization;
using System.Reflection;

namespace Calliyo.Storage.Migrations;

/// <summary>
/// The ordered migrations of one database kind, read from the <c>Sql/&lt;kind&gt;/NNNN_name.sql</c>
/// files embedded in this assembly.
/// </summary>
public static class MigrationCatalog
{
    public static IReadOnlyList<Migration> For(StorageProvider provider)
    {
        var prefix = $"Calliyo.Storage.Sql.{provider}/";
        var assembly = typeof(MigrationCatalog).Assembly;

        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => Load(assembly, name, name[prefix.Length..]))
            .OrderBy(migration => migration.Version)
            .ToList();
    }

    private static Migration Load(Assembly assembly, string resourceName, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);

        var stem = Path.GetFileNameWithoutExtension(fileName);
        var separator = stem.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(stem[..separator], CultureInfo.InvariantCulture);
        return new Migration(version, stem[(separator + 1)..], reader.ReadToEnd());
    }
}

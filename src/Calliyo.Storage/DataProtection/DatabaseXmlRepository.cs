using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Calliyo.Storage.DataProtection;

/// <summary>
/// Keeps the ASP.NET Core data-protection key ring in the <c>data_protection_keys</c> table, so
/// that a session cookie or anti-forgery token issued by one silo is read by every other silo
/// and still works after a restart. The framework calls these methods synchronously and rarely
/// (at start-up and when a key is created, about every 90 days), so blocking is acceptable.
/// </summary>
/// <remarks>
/// NOTE: the key XML is stored unencrypted; anyone who can read the database can forge cookies.
/// Encrypt the keys at rest (ProtectKeysWith…) where database readers are not trusted.
/// </remarks>
public sealed class DatabaseXmlRepository(CalliyoDatabase database, TimeProvider timeProvider) : IXmlRepository
{
    private SqlDialect Dialect => database.Dialect;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.DataSource.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM data_protection_keys ORDER BY created_at, name";

        var elements = new List<XElement>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    /// <summary>Stores a new key; a name that is already stored keeps its first XML, as keys never change once written.</summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.DataSource.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @created_at)
            ON CONFLICT (name) DO NOTHING
            """;
        SqlDialect.Add(command, "name", friendlyName);
        SqlDialect.Add(command, "xml", element.ToString(SaveOptions.DisableFormatting));
        SqlDialect.Add(command, "created_at", Dialect.Time(timeProvider.GetUtcNow()));
        command.ExecuteNonQuery();
    }
}

using System.Text.Json.Serialization;

namespace Calliyo.Storage;

/// <summary>Source-generated JSON for the values Calliyo stores as JSON text, such as tag lists.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class StorageJson : JsonSerializerContext;

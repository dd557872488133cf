using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenTelemetry;

namespace Calliyo.Server.Operations;

/// <summary>
/// Removes phone numbers from Orleans spans before any exporter receives them. Orleans writes grain
/// ids into span attributes (<c>orleans.rpc.target_id</c>, <c>orleans.rpc.source_id</c>,
/// <c>grain.id</c>), and a phone-number grain's id is <c>phonenumber/&lt;account&gt;/&lt;phone key&gt;</c>.
/// The phone key is replaced with <c>redacted</c>; the account id stays. Register it as the
/// first processor, because processors run in registration order.
/// </summary>
internal sealed partial class PhoneGrainKeyRedactor : BaseProcessor<Activity>
{
    /// <summary>The Orleans grain type of <c>PhoneNumberGrain</c>: its class name without the Grain suffix, in lower case.</summary>
    public const string PhoneNumberGrainType = "phonenumber";

    public override void OnEnd(Activity data)
    {
        if (!data.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal))
        {
            return;
        }

        List<KeyValuePair<string, string>>? redacted = null;
        foreach (var tag in data.TagObjects)
        {
            if (tag.Value is string text && text.Contains(PhoneNumberGrainType + "/", StringComparison.Ordinal))
            {
                (redacted ??= []).Add(new(tag.Key, Redact(text)));
            }
        }

        foreach (var (key, value) in redacted ?? [])
        {
            data.SetTag(key, value);
        }

        if (data.DisplayName.Contains(PhoneNumberGrainType + "/", StringComparison.Ordinal))
        {
            data.DisplayName = Redact(data.DisplayName);
        }
    }

    /// <summary>Replaces the phone key of every phone-number grain id in <paramref name="text"/>.</summary>
    public static string Redact(string text) => PhoneGrainId().Replace(text, "${prefix}redacted");

    [GeneratedRegex(@"(?<prefix>phonenumber/[0-9a-fA-F]{32}/)[^\s,;""')\]]+", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneGrainId();
}

using Calliyo.Domain.Tokens;
using Calliyo.Domain.Webhooks;
using Calliyo.Grains.Accounts;
using Calliyo.Grains.Contracts;
using Calliyo.Storage.Webhooks;

namespace Calliyo.Grains.Webhooks;

/// <summary>
/// Owns one webhook key's settings: loaded from the <c>webhook_keys</c> table on activation,
/// changed only through this grain (so changes to one key are serialized), written to the
/// table before the in-memory copy changes. A key of another account reads as not found.
/// </summary>
public sealed class WebhookKeyGrain(WebhookKeyStore keys, AccountRulesCache accountRules, WebhookKeyCache cache, TimeProvider timeProvider)
    : Grain, IWebhookKeyGrain
{
    private WebhookKeyState? _state;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var record = await keys.FindAsync(this.GetPrimaryKey(), cancellationToken);
        _state = record is null ? null : ToState(record);
    }

    public Task<WebhookKeyState?> GetAsync() => Task.FromResult(_state);

    public async Task<WebhookKeyChange> CreateAsync(Guid accountId, WebhookKeyInput input)
    {
        if (_state is not null)
        {
            return new WebhookKeyChange(WebhookKeyChangeOutcome.AlreadyExists, null, null, []);
        }

        var rules = await accountRules.GetAsync(accountId);
        var (values, errors) = WebhookKeyRules.Check(ToSettings(input), rules);
        if (values is null)
        {
            return WebhookKeyChange.Invalid(errors);
        }

        var token = WebhookTokenFormat.Generate();
        var now = timeProvider.GetUtcNow();
        var state = new WebhookKeyState(this.GetPrimaryKey(), accountId, values.Name, WebhookTokenFormat.Hash(token), values.AllowedDomains,
            values.HoneypotField, values.DefaultStatus, values.DefaultTags, values.RateLimitPerMinute, Enabled: true, now, now);

        await keys.InsertAsync(ToRecord(state), CancellationToken.None);
        _state = state;
        return WebhookKeyChange.Done(state, token);
    }

    public async Task<WebhookKeyChange> UpdateAsync(Guid accountId, WebhookKeyInput input)
    {
        if (!Owns(accountId))
        {
            return WebhookKeyChange.NotFound();
        }

        var current = _state!;
        var fields = input.Fields.ToHashSet(StringComparer.Ordinal);
        var merged = new WebhookKeySettingsInput(
            fields.Contains("name") ? input.Name : current.Name,
            fields.Contains("allowedDomains") ? input.AllowedDomains : current.AllowedDomains,
            fields.Contains("honeypotField") ? input.HoneypotField : current.HoneypotField,
            fields.Contains("defaultStatus") ? input.DefaultStatus : current.DefaultStatus,
            fields.Contains("defaultTags") ? input.DefaultTags : current.DefaultTags,
            fields.Contains("rateLimitPerMinute") ? input.RateLimitPerMinute : current.RateLimitPerMinute);

        var (values, errors) = WebhookKeyRules.Check(merged, await accountRules.GetAsync(accountId));
        if (values is null)
        {
            return WebhookKeyChange.Invalid(errors);
        }

        return await SaveAsync(current with
        {
            Name = values.Name,
            AllowedDomains = values.AllowedDomains,
            HoneypotField = values.HoneypotField,
            DefaultStatus = values.DefaultStatus,
            DefaultTags = values.DefaultTags,
            RateLimitPerMinute = values.RateLimitPerMinute,
        });
    }

    public async Task<WebhookKeyChange> RegenerateTokenAsync(Guid accountId)
    {
        if (!Owns(accountId))
        {
            return WebhookKeyChange.NotFound();
        }

        var token = WebhookTokenFormat.Generate();
        var change = await SaveAsync(_state! with { TokenHash = WebhookTokenFormat.Hash(token) });
        return change with { Token = token };
    }

    public async Task<WebhookKeyChange> DisableAsync(Guid accountId) =>
        Owns(accountId) ? await SaveAsync(_state! with { Enabled = false }) : WebhookKeyChange.NotFound();

    private bool Owns(Guid accountId) => _state is not null && _state.AccountId == accountId;

    private async Task<WebhookKeyChange> SaveAsync(WebhookKeyState state)
    {
        state = state with { UpdatedAt = timeProvider.GetUtcNow() };
        await keys.UpdateAsync(ToRecord(state), CancellationToken.None);
        _state = state;
        cache.Forget(state.Id);
        return WebhookKeyChange.Done(state);
    }

    private static WebhookKeySettingsInput ToSettings(WebhookKeyInput input) =>
        new(input.Name, input.AllowedDomains, input.HoneypotField, input.DefaultStatus, input.DefaultTags, input.RateLimitPerMinute);

    private static WebhookKeyState ToState(WebhookKeyRecord r) =>
        new(r.Id, r.AccountId, r.Name, r.TokenHash, r.AllowedDomains, r.HoneypotField, r.DefaultStatus, r.DefaultTags,
            r.RateLimitPerMinute, r.Enabled, r.CreatedAt, r.UpdatedAt);

    private static WebhookKeyRecord ToRecord(WebhookKeyState s) =>
        new(s.Id, s.AccountId, s.Name, s.TokenHash, s.AllowedDomains, s.HoneypotField, s.DefaultStatus, s.DefaultTags,
            s.RateLimitPerMinute, s.Enabled, s.CreatedAt, s.UpdatedAt);
}

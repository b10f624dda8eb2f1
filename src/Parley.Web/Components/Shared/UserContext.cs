using Microsoft.AspNetCore.Components.Authorization;

namespace Parley.Web.Components.Shared;

/// <summary>Who is using the UI: the signed-in name, or "local" when the server runs without login.</summary>
public static class UserContext
{
    public static async Task<string> Author(Task<AuthenticationState>? state) =>
        state is not null && (await state).User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "local";
}

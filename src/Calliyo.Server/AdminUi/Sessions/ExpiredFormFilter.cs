using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Calliyo.Server.AdminUi.Sessions;

/// <summary>
/// Turns a page form rejected by the anti-forgery check (a form left open across a sign-out or a
/// new session, or a forged post) into a fresh GET of the same page with a message. Without it
/// the person would see the API's bare JSON error for a 400.
/// </summary>
public sealed class ExpiredFormFilter(ITempDataDictionaryFactory tempDataFactory) : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is not IAntiforgeryValidationFailedResult)
        {
            return;
        }

        var tempData = tempDataFactory.GetTempData(context.HttpContext);
        tempData["Problem"] = "The form expired before it was sent, so nothing was saved. Check the page and try again.";

        // The anti-forgery check short-circuits the filters that would save TempData, so this one saves it.
        tempData.Save();
        var request = context.HttpContext.Request;
        context.Result = new RedirectResult(request.PathBase + request.Path + request.QueryString);
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}

"""The reader's side: signing up, confirming, leaving, archives, web copies and signed links."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from masthead.core.limits import limit_posts
from masthead.core.pagination import paginate
from masthead.core.verified_address import verified_address
from masthead.newsletters import services
from masthead.newsletters.forms import PromptSignupForm, SignupForm
from masthead.newsletters.models import Audience, Newsletter, Signup
from masthead.newsletters.prompt import remember_signup
from masthead.newsletters.reading import click_record
from masthead.newsletters.rendering import render_edition
from masthead.newsletters.selectors import account_signups, letters_received, web_copies
from masthead.newsletters.tokens import from_unsubscribe_token, signup_from_confirm_token


def private(response):
    """Per reader, never kept by the shared cache or any other."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


@limit_posts("newsletter_signup")
def newsletter_list(request):
    letters = list(Newsletter.objects.filter(active=True).select_related("section"))
    open_to_all = Newsletter.objects.filter(active=True, audience=Audience.EVERYONE)
    form = SignupForm(request.POST or None, choices=open_to_all)
    if request.method == "POST" and form.is_valid():
        source = request.build_absolute_uri()
        for newsletter in form.cleaned_data["newsletters"]:
            services.signup_request(
                newsletter=newsletter, email=form.cleaned_data["email"], source=source
            )
        messages.success(
            request,
            "Nearly done: we have sent you an email. Follow its link to confirm your sign-up.",
        )
        response = redirect("newsletters:list")
        for newsletter in form.cleaned_data["newsletters"]:
            remember_signup(request, response, newsletter.slug)  # stories stop prompting for it
        return private(response)
    mine = letters_received(request.user) if request.user.is_authenticated else set()
    return private(
        TemplateResponse(
            request,
            "newsletters/list.html",
            {
                "letters": letters,
                "form": form,
                "mine": mine,
                "address_verified": bool(verified_address(request.user)),
                # Listed beside the form, with a log-in link: anonymous readers cannot tick them.
                "members_only": [le for le in letters if le.audience != Audience.EVERYONE],
            },
            status=400 if request.method == "POST" else 200,
        )
    )


def _back_to(request, address: str) -> str:
    """The story the prompt was on, when the address is ours; else nothing."""
    safe = url_has_allowed_host_and_scheme(
        address, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return address if address and safe else ""


# The prompt sits on kept pages every reader shares, so no CSRF token can be in it. Nothing here
# acts for the logged-in account: the typed address is mailed a confirmation link, as on
# /newsletters/, so a forged post can do no more than the forger could post themselves.
@csrf_exempt
@require_POST
@limit_posts("newsletter_signup")
def prompt_signup(request):
    """A sign-up from the prompt at the end of a story: double opt-in, then back to the story."""
    newsletter = Newsletter.objects.filter(
        slug=request.POST.get("newsletter", ""), active=True, audience=Audience.EVERYONE
    ).first()
    back = _back_to(request, request.POST.get("back") or request.headers.get("Referer", ""))
    form = PromptSignupForm(request.POST)
    if newsletter is not None and form.is_valid():
        services.signup_request(
            newsletter=newsletter,
            email=form.cleaned_data["email"],
            source=request.build_absolute_uri(back or request.path),
        )
        messages.success(
            request,
            "Nearly done: we have sent you an email. "
            f"Follow its link to confirm {newsletter.name}.",
        )
        response = redirect(back or "newsletters:list")
        remember_signup(request, response, newsletter.slug)
        return private(response)
    context = {"form": form, "newsletter": newsletter, "back": back}
    return private(TemplateResponse(request, "newsletters/prompt_signup.html", context, status=400))


def confirm(request, token: str):
    signup_id = signup_from_confirm_token(token)
    signup = services.signup_confirm(signup_id=signup_id) if signup_id else None
    status = 200 if signup else 400
    return private(
        TemplateResponse(request, "newsletters/confirmed.html", {"signup": signup}, status=status)
    )


@login_required
@require_POST
@limit_posts("newsletter_signup")
def join(request, slug: str):
    newsletter = get_object_or_404(Newsletter, slug=slug, active=True)
    from masthead.newsletters.recipients import subscriber_accounts

    if (
        newsletter.audience == Audience.SUBSCRIBERS
        and request.user.pk not in subscriber_accounts()[0]
    ):
        messages.error(request, f"{newsletter.name} is for subscribers.")
    else:
        source = (
            "account page"
            if request.POST.get("from") == "account"
            else request.build_absolute_uri()
        )
        if verified_address(request.user):
            services.signup_one_click(newsletter=newsletter, user=request.user, source=source)
            messages.success(request, f"You will receive {newsletter.name}.")
        else:
            # Not yet shown to be the reader's own: the same emailed link as anyone else.
            services.signup_request(newsletter=newsletter, email=request.user.email, source=source)
            messages.success(
                request,
                f"Nearly done: we have sent an email to {request.user.email}. "
                f"Follow its link to confirm {newsletter.name}.",
            )
    response = redirect(request.POST.get("next") == "account" and "/account/" or "newsletters:list")
    remember_signup(request, response, newsletter.slug)  # stories stop prompting for it
    return private(response)


@login_required
@require_POST
def leave(request, slug: str):
    signup = get_object_or_404(account_signups(request.user), newsletter__slug=slug)
    services.signup_leave(signup_id=signup.pk)
    messages.success(request, f"You will no longer receive {signup.newsletter.name}.")
    return private(
        redirect(request.POST.get("next") == "account" and "/account/" or "newsletters:list")
    )


# RFC 8058: mail providers POST with no cookie and no token; the signed token is the authority.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    found = from_unsubscribe_token(token)
    signup = (
        Signup.objects.select_related("newsletter").filter(pk=found[0]).first() if found else None
    )
    if signup is None:
        return private(TemplateResponse(request, "newsletters/unsubscribe.html", {}, status=400))
    if request.method == "POST":
        signup = services.signup_leave(signup_id=signup.pk, edition_id=found[1])
        return private(
            TemplateResponse(
                request, "newsletters/unsubscribe.html", {"signup": signup, "done": True}
            )
        )
    return private(
        TemplateResponse(
            request, "newsletters/unsubscribe.html", {"signup": signup, "token": token}
        )
    )


def read(request, token: str):
    """A signed link from an edition: counted, then the article (its page applies the paywall)."""
    response = click_record(request, token)
    if response is None:
        raise Http404("This link is not one of ours.")
    return private(response)


ARCHIVE_PER_PAGE = 30


@require_safe
def archive(request, slug: str):
    """A letter's past editions: date and subject, each a link to its web copy, newest first."""
    newsletter = get_object_or_404(Newsletter, slug=slug)
    editions = paginate(
        web_copies(newsletter)
        .select_related("newsletter")
        .only("date", "subject", "newsletter__slug"),
        request.GET.get("page"),
        ARCHIVE_PER_PAGE,
    )
    return TemplateResponse(
        request, "newsletters/archive.html", {"newsletter": newsletter, "editions": editions}
    )


def web_copy(request, slug: str, on: str):
    try:
        day = date.fromisoformat(on)
    except ValueError as error:
        raise Http404 from error
    newsletter = get_object_or_404(Newsletter, slug=slug)
    edition = get_object_or_404(web_copies(newsletter).select_related("newsletter"), date=day)
    # Everyone's copy: teasers of anything metered, whoever asks, so it may be kept anywhere.
    return HttpResponse(render_edition(edition, subscriber=False, web=True).html)

"""Thin views: the buyer's changes from /account/, and the member's answer to an invitation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from masthead.groups import services
from masthead.groups.models import Group
from masthead.groups.services import GroupError


def _own_group(request, group_id: int) -> Group:
    """The group, if the logged-in reader bought it; anyone else gets a 404."""
    return get_object_or_404(
        Group.objects.select_related("subscription"), pk=group_id, subscription__user=request.user
    )


def _back(group: Group):
    return redirect(reverse("account") + f"#group-{group.pk}")


def _act(request, group: Group, action, done: str):
    try:
        action()
    except GroupError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return _back(group)


@login_required
@require_POST
def invite(request, group_id: int):
    group = _own_group(request, group_id)
    email = request.POST.get("email", "").strip()
    return _act(
        request,
        group,
        lambda: services.invite(group, email),
        f"Invitation sent to {email.lower()}.",
    )


@login_required
@require_POST
def remove(request, group_id: int, seat_id: int):
    group = _own_group(request, group_id)
    return _act(
        request,
        group,
        lambda: services.remove(group, seat_id),
        "The seat is free: its reader no longer reads through the group.",
    )


@login_required
@require_POST
def reassign(request, group_id: int, seat_id: int):
    group = _own_group(request, group_id)
    email = request.POST.get("email", "").strip()
    return _act(
        request,
        group,
        lambda: services.reassign(group, seat_id, email),
        f"The seat is reassigned: invitation sent to {email.lower()}.",
    )


@login_required
@require_POST
def seats(request, group_id: int):
    group = _own_group(request, group_id)
    value = request.POST.get("seats", "")
    return _act(
        request,
        group,
        lambda: services.change_seats(group, value),
        f"Your group now has {value.strip()} seats.",
    )


@login_required
@require_POST
def rename(request, group_id: int):
    group = _own_group(request, group_id)
    return _act(
        request,
        group,
        lambda: services.rename(group, request.POST.get("name", "")),
        "The group is renamed.",
    )


FIRST_CHANGES = {"invite": invite, "seats": seats, "rename": rename}


@login_required
@require_POST
def first_change(request, subscription_id: int, action: str):
    """A change to a group whose subscription was recorded before groups were made with it.

    /account/ shows such a group as it will be and only reads; its first
    change makes it, then is made like any other.
    """
    change = FIRST_CHANGES.get(action)
    if change is None:
        raise Http404
    subscription = get_object_or_404(services.group_subscriptions(request.user), pk=subscription_id)
    group = services.group_open(subscription=subscription)
    return change(request, group.pk)


@never_cache
@require_http_methods(["GET", "POST"])
def accept(request, token: str):
    """The invitation: who invites, then log in, register, verify or accept."""
    try:
        seat = services.invited_seat(token)
    except GroupError as error:
        return TemplateResponse(request, "groups/accept.html", {"error": str(error)}, status=400)
    user = request.user
    context = {
        "seat": seat,
        "group": seat.group,
        "buyer": seat.group.subscription.user,
        "next": request.get_full_path(),
        "verified": user.is_authenticated and services.has_verified(user, seat.email),
        "mine": user.is_authenticated and seat.member_id == user.pk,
    }
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            services.accept(token, user)
        except GroupError as error:
            context["error"] = str(error)
            return TemplateResponse(request, "groups/accept.html", context, status=400)
        messages.success(request, f"You have joined {seat.group.name}: read without limit.")
        return redirect("account")
    return TemplateResponse(request, "groups/accept.html", context)

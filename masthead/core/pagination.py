from django.core.paginator import Page, Paginator
from django.http import Http404


def paginate(items, page_param: str | None, per_page: int) -> Page:
    """The requested page of ``items``.

    A ``?page=`` that is not a positive number gives the first page; a number
    past the end is a 404, so a crawler never sees an endless run of
    duplicates and nothing ever raises a 500.
    """
    paginator = Paginator(items, per_page)
    try:
        number = int(page_param or 1)
    except (TypeError, ValueError):
        number = 1
    if number < 1:
        number = 1
    if number > paginator.num_pages:
        raise Http404("No such page.")
    return paginator.page(number)

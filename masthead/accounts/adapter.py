"""django-allauth as the paper's: its letters (name, look, text, HTML), its readers' addresses."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.core.mail import EmailMultiAlternatives

from masthead.core.client_ip import client_ip
from masthead.core.letters import html_from_text, paper_context


class ReaderAccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """The reader's address as the paywall sees it, for allauth's per-address limits.

        Behind our proxies (``MASTHEAD_TRUSTED_PROXY_COUNT``) every request comes
        from the proxy: counting that would put every reader in one bucket.
        """
        return client_ip(request) or super().get_client_ip(request)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        super().send_mail(template_prefix, email, {**paper_context(), **context})

    def render_mail(self, template_prefix, email, context, headers=None):
        message = super().render_mail(template_prefix, email, context, headers)
        if isinstance(message, EmailMultiAlternatives) and message.alternatives:
            return message
        # allauth has only a text template for this one: dress the text as the paper does.
        letter = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body,
            from_email=message.from_email,
            to=message.to,
            headers=message.extra_headers,
        )
        letter.attach_alternative(
            html_from_text(message.body, subject=message.subject), "text/html"
        )
        return letter

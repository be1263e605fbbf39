from wagtail import hooks

from masthead.core.avatars import initials_avatar_url

hooks.register("get_avatar_url", initials_avatar_url)

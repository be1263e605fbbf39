"""The command's documented name, ``similar-eval``: Django imports this file by that name."""

from masthead.recommendations.management.commands.similar_eval import Command

__all__ = ["Command"]

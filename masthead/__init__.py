"""Masthead: newsroom, reader site and reader revenue for independent newspapers."""

"""The demo paper, The Daily Lantern: original articles, drawn images, demo accounts."""

"""`python -m widgets` runs seedread."""

from widgets.launch import main

main()

# sys: raising SystemExit(4) directly sets the exit status to 4
print("raising")
raise SystemExit(4)

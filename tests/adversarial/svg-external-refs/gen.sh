mkdir -p outside
python3 "$(dirname "$0")/../mkimg.py" png outside/secret.png 8 8

#!/usr/bin/env python3
"""Drives Podium's pages in a real headless Chromium (Debian's chromium + chromium-driver, through
Selenium): log in as a team with its token, upload a prediction file, watch it get scored, see the
leaderboard; a broken file shows its problems. Then two people sign up, one in Russian and one in English,
found a team and join it with the invite link, and the second submits for it. Starts its own `podium serve`
on a free loopback port.

    python Tests/browser/test_pages.py PODIUM_BINARY [SCREENSHOT_DIR]

Prints "N passed, N failed" and exits 1 on any failure.
"""
import json, os, re, shutil, socket, subprocess, sys, tempfile, time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

podium = os.path.abspath(sys.argv[1])
shots = sys.argv[2] if len(sys.argv) > 2 else None
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(root)
data = tempfile.mkdtemp(prefix="podium-browser-")
passed, failed = 0, 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def cli(*args):
    return subprocess.run([podium, *args, "--data", data], capture_output=True, text=True, check=True).stdout


cli("competition", "load", "competitions/nti-digits", "--opens-in", "3")  # any date: the calendar moves
token = json.loads(cli("team", "add", "nti-digits", "gamma", "--json"))["token"]
delta = json.loads(cli("team", "add", "nti-digits", "delta", "--json"))["token"]
cli("round", "open", "nti-digits", "qualifying")
cli("competition", "load", "competitions/russian-superglue")
cli("round", "open", "russian-superglue", "leaderboard")
diagnosed = json.loads(cli("team", "add", "russian-superglue", "diagnosed", "--json"))["token"]
cli("competition", "load", "competitions/rusenteval-probing")
cli("round", "open", "rusenteval-probing", "layers")
prober = json.loads(cli("team", "add", "rusenteval-probing", "probers", "--json"))["token"]
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
server = subprocess.Popen([podium, "serve", "--data", data, "--port", str(port), "--workers", "1"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
base = f"http://127.0.0.1:{port}"
options = Options()
for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,1600"):
    options.add_argument(flag)
driver = None
try:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.get(f"{base}/c/nti-digits")
    check("competition page", "handwritten digits" in driver.title)
    driver.find_element(By.CSS_SELECTOR, "a.button[href^='/login']").click()
    driver.find_element(By.NAME, "token").send_keys(token)
    driver.find_element(By.TAG_NAME, "form").submit()
    time.sleep(0.5)
    check("login lands on the submit page", driver.current_url.endswith("/c/nti-digits/qualifying/submit"), driver.current_url)
    check("the page names the team", "gamma" in driver.page_source)
    cookie = driver.get_cookie("podium_session") or {}
    check("the session cookie is HttpOnly and SameSite=Strict", cookie.get("httpOnly") and cookie.get("sameSite") == "Strict", str(cookie))

    def upload(path):
        driver.find_element(By.NAME, "file").send_keys(os.path.join(root, path))
        driver.find_element(By.CSS_SELECTOR, "form[enctype] button").click()
        time.sleep(0.5)

    upload("competitions/nti-digits/examples/broken.csv")
    check("a broken file lists its problems", "is not one of 0, 1, 2" in driver.page_source and "line 4" in driver.page_source)
    upload("competitions/nti-digits/examples/knn/qualifying.csv")
    check("the upload is accepted", "accepted and queued" in driver.page_source)
    for _ in range(60):
        if "status-scored" in driver.page_source:
            break
        time.sleep(0.5)
        driver.refresh()
    check("it gets scored", "status-scored" in driver.page_source)
    if shots:
        driver.save_screenshot(os.path.join(shots, "submit.png"))
    # Delta submits from the command line with a model card: the board shows its columns and the Pareto chart.
    card = os.path.join(data, "card.yaml")
    with open(card, "w") as f:
        f.write("model: logistic regression\nparameters: 650\ninference_speed: 210000\n")
    subprocess.run([podium, "submit", "--server", base, "--token", delta, "nti-digits", "qualifying",
                    "competitions/nti-digits/examples/logreg/qualifying.csv", "--card", card, "--wait"],
                   capture_output=True, text=True, check=True)
    time.sleep(1.1)  # the board is kept for up to a second
    driver.find_element(By.LINK_TEXT, "Leaderboard").click()
    rows = driver.find_elements(By.CSS_SELECTOR, "table.board tbody tr")
    check("the leaderboard shows the team", any("gamma" in row.text for row in rows), str([r.text for r in rows]))
    check("the leaderboard draws its chart", "<svg" in driver.page_source)
    check("the board shows the card's columns", "logistic regression" in driver.page_source and "210000/s" in driver.page_source)
    width = driver.execute_script("var i = document.getElementById('pareto'); return i && i.complete ? i.naturalWidth : 0")
    check("the browser renders the Pareto chart", width and width > 0, str(width))
    bars = driver.execute_script(
        "return Array.from(document.querySelectorAll('td.interval svg')).map(s => s.getBoundingClientRect().width)")
    check("every row's interval bar is drawn", bars and len(bars) == len(rows) and all(b > 0 for b in bars), str(bars))
    if shots:
        driver.save_screenshot(os.path.join(shots, "leaderboard.png"))
    # The header navigates: from the board to the team's submissions, to the competitions, to the organiser.
    nav = driver.find_element(By.CSS_SELECTOR, "nav[aria-label=main]")
    nav.find_element(By.LINK_TEXT, "My submissions").click()
    check("the header leads to the team's submissions", driver.current_url.endswith("/c/nti-digits/qualifying/submit"), driver.current_url)
    check("scores show four decimals", re.search(r"<td>0\.\d{4}</td>", driver.page_source) is not None)
    driver.find_element(By.CSS_SELECTOR, "nav[aria-label=main]").find_element(By.LINK_TEXT, "Competitions").click()
    check("the header leads to the competitions", driver.current_url.rstrip("/") == base, driver.current_url)
    driver.find_element(By.CSS_SELECTOR, "nav[aria-label=main]").find_element(By.LINK_TEXT, "Organiser").click()
    check("the header leads to the organiser's page", driver.current_url.endswith("/admin"), driver.current_url)

    # Anna reads Russian: the switch in the header, remembered from page to page.
    driver.delete_all_cookies()
    driver.get(f"{base}/c/nti-digits")
    driver.find_element(By.CSS_SELECTOR, "nav[aria-label=main] a.language").click()
    check("the switch turns the page Russian", driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru")
    check("the Russian page reads Russian", "Регистрация открыта" in driver.page_source and "Раунды" in driver.page_source)
    driver.find_element(By.CSS_SELECTOR, "nav[aria-label=main]").find_element(By.LINK_TEXT, "Регистрация").click()
    check("the choice is remembered on the next page", "Регистрация — NTI" in driver.page_source, driver.current_url)
    driver.find_element(By.NAME, "name").send_keys("Анна")
    driver.find_element(By.NAME, "accept_rules").click()
    driver.find_element(By.CSS_SELECTOR, "form.card button").click()
    time.sleep(0.3)
    check("Anna's token is shown once", re.search(r"pdp_[0-9a-f]{64}", driver.page_source) is not None)
    check("the sign-up page speaks Russian", "Вы зарегистрированы" in driver.page_source)
    driver.find_element(By.CSS_SELECTOR, "a.button[href$='/team']").click()
    driver.find_element(By.NAME, "name").send_keys("Команда А")
    driver.find_element(By.CSS_SELECTOR, "form[action$='/team/create'] button").click()
    time.sleep(0.3)
    check("Anna's team has one member of two", "1 участник из 2" in driver.page_source, driver.page_source[-800:])
    invite = driver.find_element(By.ID, "invite").text
    check("the team has an invite link", invite.startswith(f"{base}/c/nti-digits/team?invite=inv_"), invite)
    if shots:
        driver.save_screenshot(os.path.join(shots, "team-ru.png"))

    # Ben reads English: he signs up, follows the link and joins; then he submits for the team.
    driver.delete_all_cookies()
    driver.get(f"{base}/c/nti-digits/signup?lang=en")
    driver.find_element(By.NAME, "name").send_keys("Ben")
    driver.find_element(By.NAME, "accept_rules").click()
    driver.find_element(By.CSS_SELECTOR, "form.card button").click()
    time.sleep(0.3)
    check("Ben's page speaks English", "You are signed up" in driver.page_source)
    driver.get(invite)
    driver.find_element(By.CSS_SELECTOR, "form[action$='/team/join'] button").click()
    time.sleep(0.3)
    check("Ben joined: two members of two", "2 members of 2" in driver.page_source and "The team is full." in driver.page_source)
    driver.get(f"{base}/c/nti-digits/qualifying/submit")
    upload("competitions/nti-digits/examples/logreg/qualifying.csv")
    check("Ben's upload is accepted for the team", "accepted and queued" in driver.page_source)
    check("the team's list says who sent it", "<td>Ben</td>" in driver.page_source)
    if shots:
        driver.save_screenshot(os.path.join(shots, "team-submit-en.png"))

    # Russian SuperGLUE's diagnostic: an entry's scores on LiDiRus's categories, as a heat map in the browser.
    subprocess.run([podium, "submit", "--server", base, "--token", diagnosed, "russian-superglue", "leaderboard",
                    "competitions/russian-superglue/examples/diagnosed.zip", "--wait"],
                   capture_output=True, text=True, check=True)
    time.sleep(1.1)  # the board is kept for up to a second
    driver.get(f"{base}/c/russian-superglue/leaderboard/leaderboard?lang=ru")
    driver.find_element(By.CSS_SELECTOR, "a[href$='/diagnostics']").click()
    cells = driver.find_elements(By.CSS_SELECTOR, "#diagnostics-lidirus tbody td[style]")
    shades = {c.value_of_css_property("background-color") for c in cells}
    check("the diagnostics page draws its heat map", len(cells) >= 30 and all(s.startswith("rgb") for s in shades), str(len(cells)))
    check("the diagnostics page reads Russian", "Диагностика" in driver.page_source or "диагностика" in driver.page_source)
    driver.get(f"{base}/c/russian-superglue/leaderboard/diagnostics?lang=en")
    check("the diagnostics page reads English", "Diagnostics" in driver.page_source or "diagnostics" in driver.title)
    if shots:
        driver.save_screenshot(os.path.join(shots, "diagnostics.png"))

    # A probing board (RuSentEval): each task's best layer in its cell, a chart of score by layer per task, and the
    # entry's layers x tasks table, in Russian and English.
    subprocess.run([podium, "submit", "--server", base, "--token", prober, "rusenteval-probing", "layers",
                    "competitions/rusenteval-probing/examples/rubert-like.zip", "--wait"],
                   capture_output=True, text=True, check=True)
    time.sleep(1.1)
    driver.get(f"{base}/c/rusenteval-probing/layers/leaderboard?lang=ru")
    cells = [c.text for c in driver.find_elements(By.CSS_SELECTOR, "table.board tbody td")]
    check("the probing board shows each task's layer", sum(1 for t in cells if re.search(r"\d \[\d+\]$", t)) == 3, str(cells))
    lines = driver.find_elements(By.CSS_SELECTOR, "figure[id^='layers-'] polyline.layer-line")
    check("the probing board draws a line per entry per task", len(lines) == 3 and all(l.is_displayed() for l in lines), str(len(lines)))
    check("the probing board reads Russian", "Что знает каждый слой" in driver.page_source)
    driver.find_element(By.CSS_SELECTOR, "table.board tbody a[href*='/card/']").click()
    rows = driver.find_elements(By.CSS_SELECTOR, "#layers tbody tr")
    chosen = driver.find_elements(By.CSS_SELECTOR, "#layers td.chosen")
    check("the entry's layer table has eight layers and marks three", len(rows) == 8 and len(chosen) == 3, f"{len(rows)} {len(chosen)}")
    driver.get(driver.current_url.split("?")[0] + "?lang=en")
    check("the layer table reads English", "Layer by layer" in driver.page_source)
    if shots:
        driver.save_screenshot(os.path.join(shots, "probing-card.png"))
finally:
    if driver:
        driver.quit()
    server.terminate()
    server.wait(timeout=20)
    shutil.rmtree(data, ignore_errors=True)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

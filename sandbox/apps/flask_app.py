"""The handout's example app: a form that stores your first name in Flask's session.

Session Lab runs this file's logic in its sandbox and highlights the lines that ran; the tests
also run it under real Flask to check that the sandbox sends the same cookies.
Run it yourself with: flask --app flask_app run
"""
import hmac
import os
import secrets

from flask import Flask, session, request, redirect, render_template, url_for, flash

app = Flask(__name__)
# The handout's example key. It is public on purpose so you can check every signature yourself.
# A real app must read a secret key from the environment instead.
app.secret_key = 'w98fw9ef8hwe98fhwef'

# Demo accounts, shown on the page. The admin's password is never shown: random at every start
# unless the instructor sets SANDBOX_ADMIN_PASSWORD. A real app keeps password hashes in a database.
USERS = {
    'ada': 'lovelace',
    'grace': 'hopper',
    'admin': os.environ.get('SANDBOX_ADMIN_PASSWORD') or secrets.token_urlsafe(16),
}


@app.get('/')
def index():
    return render_template('index.html')


@app.post('/store')
def store():
    session['firstName'] = request.form['firstName']
    return redirect(url_for('index'))


@app.post('/store-second')
def store_second():
    session['favouriteColour'] = request.form['favouriteColour']
    return redirect(url_for('index'))


@app.post('/clear')
def clear():
    session.clear()
    return redirect(url_for('index'))


@app.post('/permanent')
def permanent():
    session.permanent = True
    return redirect(url_for('index'))


@app.post('/flash')
def flash_saved():
    name = request.form['firstName']
    session['firstName'] = name
    # flash() keeps the message in the session (under '_flashes') until a page shows it.
    flash(f"Saved {name}")
    return redirect(url_for('index'))


def password_ok(username, password):
    # compare_digest takes as long for a wrong first letter as for a wrong last one.
    known = USERS.get(username)
    return known is not None and hmac.compare_digest(known.encode(), password.encode())


@app.post('/login')
def login():
    username = request.form['username']
    password = request.form['password']
    if not password_ok(username, password):
        # Nothing is stored: the session stays as it was.
        return render_template('index.html', error='Wrong username or password.'), 401
    session.clear()
    session['user_id'] = username
    return redirect(url_for('members'))


@app.post('/logout')
def logout():
    session.clear()
    return redirect(url_for('index'))


@app.get('/members')
def members():
    user_id = session.get('user_id')
    if user_id is None:
        return render_template('members.html'), 401
    return render_template('members.html', user_id=user_id)

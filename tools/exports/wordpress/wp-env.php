<?php
// WordPress's configuration for the export run: the database on the run's own socket,
// wp-content in the run's temporary folder, the old paper's address fixed.
$work = getenv('WP_EXPORT_WORK');
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:' . getenv('WP_EXPORT_SOCKET'));
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', 'https://oldpaper.example');
define('WP_SITEURL', 'https://oldpaper.example');
define('WP_CONTENT_DIR', $work . '/wp-content');
define('WP_CONTENT_URL', 'https://oldpaper.example/wp-content');
define('WP_DEBUG', false);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('AUTH_KEY', 'export-fixture'); define('SECURE_AUTH_KEY', 'export-fixture');
define('LOGGED_IN_KEY', 'export-fixture'); define('NONCE_KEY', 'export-fixture');
define('AUTH_SALT', 'export-fixture'); define('SECURE_AUTH_SALT', 'export-fixture');
define('LOGGED_IN_SALT', 'export-fixture'); define('NONCE_SALT', 'export-fixture');
$table_prefix = 'wp_';
$_SERVER['HTTP_HOST'] = 'oldpaper.example';
$_SERVER['SERVER_NAME'] = 'oldpaper.example';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('ABSPATH', '/usr/share/wordpress/');
@mkdir(WP_CONTENT_DIR . '/uploads', 0777, true);

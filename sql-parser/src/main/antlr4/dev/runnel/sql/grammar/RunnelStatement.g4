// Runnel's statement envelope: DDL, SHOW, DESCRIBE, SET, COPY, and the first words of
// queries, INSERT and EXPLAIN. Query bodies and expressions are not parsed here: the
// rules queryText, insertText and expressionText only delimit them, and StatementParser
// hands the exact source text to Calcite.
//
// One statement per parse (ScriptSplitter cuts scripts on ';'). Keywords are
// case-insensitive. Each decision is kept LL(1) where possible, so that a syntax error
// names the token that is wrong and the set of tokens that would have been right.
grammar RunnelStatement;

options { caseInsensitive = true; }

// ---------------------------------------------------------------- statements

statement
    : body EOF
    ;

body
    : createStatement
    | dropStatement
    | stopStatement
    | showStatement
    | describeStatement
    | explainStatement
    | setStatement
    | resetStatement
    | copyStatement
    | insertText
    | queryText
    ;

// CREATE is matched once, so that the choice after it is made on one token and an error
// there lists STREAM, TABLE and MATERIALIZED VIEW.
createStatement
    : CREATE (createRelation | createMaterializedView | createJob | createSearch)
    ;

createRelation
    : kind=(STREAM | TABLE) ifNotExists? identifier
      LPAREN tableElement (COMMA tableElement)* RPAREN withOptions?
    ;

createMaterializedView
    : MATERIALIZED VIEW ifNotExists? identifier withOptions? AS queryText
    ;

// A persistent job: the INSERT keeps running in the background (see docs/sql.md).
createJob
    : JOB ifNotExists? identifier AS insertText
    ;

// A standing search: the predicate is matched against every new event of the stream (see docs/sql.md).
createSearch
    : SEARCH ifNotExists? identifier ON identifier WHERE searchCondition
    ;

// The whole condition goes to Calcite, from the token after WHERE to the last.
searchCondition
    : .+?
    ;

stopStatement
    : STOP JOB identifier
    ;

dropStatement
    : DROP objectKind ifExists? identifier behavior=(RESTRICT | CASCADE)?
    ;

objectKind
    : STREAM
    | TABLE
    | MATERIALIZED VIEW
    | TOPIC
    | JOB
    | SEARCH
    ;

showStatement
    : SHOW ( STREAMS
           | TABLES
           | MATERIALIZED VIEWS
           | TOPICS
           | JOBS
           | SEARCHES
           | CONSUMER GROUPS
           | SETTINGS
           | CLUSTER )
    ;

// DESCRIBE TOPIC x describes a topic; DESCRIBE topic describes a relation called "topic".
describeStatement
    : DESCRIBE (TOPIC identifier | identifier)
    ;

explainStatement
    : EXPLAIN ANALYZE? (insertText | queryText)
    ;

setStatement
    : SET optionKey EQ optionValue
    ;

resetStatement
    : RESET optionKey
    ;

copyStatement
    : COPY identifier FROM path=STRING_LITERAL withOptions?
    ;

// The whole INSERT goes to Calcite, from INSERT to the last token.
insertText
    : INSERT INTO .*?
    ;

// The whole query goes to Calcite, from its first token to the last.
queryText
    : (SELECT | VALUES | WITH | LPAREN) .*?
    ;

// ---------------------------------------------------------------- CREATE STREAM / TABLE parts

ifNotExists
    : IF NOT EXISTS
    ;

ifExists
    : IF EXISTS
    ;

tableElement
    : columnDefinition
    | primaryKeyConstraint
    | watermarkDefinition
    ;

columnDefinition
    : identifier dataType columnConstraint*
    ;

columnConstraint
    : NOT NULL          #notNullConstraint
    | NULL              #nullConstraint
    | PRIMARY KEY       #primaryKeyColumnConstraint
    ;

primaryKeyConstraint
    : PRIMARY KEY LPAREN identifier (COMMA identifier)* RPAREN
    ;

watermarkDefinition
    : WATERMARK FOR identifier AS expressionText
    ;

// A watermark expression: any tokens up to the ',' or ')' that ends the table element,
// with parentheses balanced.
expressionText
    : expressionToken+
    ;

expressionToken
    : ~(LPAREN | RPAREN | COMMA)
    | LPAREN nestedToken* RPAREN
    ;

nestedToken
    : ~(LPAREN | RPAREN)
    | LPAREN nestedToken* RPAREN
    ;

dataType
    : BOOLEAN                                                                   #booleanType
    | (INT | INTEGER)                                                           #intType
    | BIGINT                                                                    #bigintType
    | (DOUBLE PRECISION? | FLOAT)                                               #doubleType
    | (DECIMAL | NUMERIC) (LPAREN precision=INTEGER_VALUE (COMMA scale=INTEGER_VALUE)? RPAREN)?  #decimalType
    | (VARCHAR | CHAR | CHARACTER VARYING?) (LPAREN length=INTEGER_VALUE RPAREN)?  #varcharType
    | STRING                                                                    #stringType
    | TIMESTAMP (LPAREN precision=INTEGER_VALUE RPAREN)?                        #timestampType
    | DATE                                                                      #dateType
    | INTERVAL DAY TO SECOND                                                    #dayTimeIntervalType
    | INTERVAL YEAR TO MONTH                                                    #yearMonthIntervalType
    ;

// ---------------------------------------------------------------- options

withOptions
    : WITH LPAREN option (COMMA option)* RPAREN
    ;

option
    : optionKey EQ optionValue
    ;

// NULL is a reserved word, but also the name of COPY's option for the text that stands for NULL.
optionKey
    : STRING_LITERAL
    | identifier (DOT identifier)*
    | NULL
    ;

optionValue
    : STRING_LITERAL                                    #stringValue
    | sign=(MINUS | PLUS)? (INTEGER_VALUE | DECIMAL_VALUE)  #numberValue
    | (TRUE | FALSE)                                    #booleanValue
    | identifier (DOT identifier)*                      #identifierValue
    ;

// ---------------------------------------------------------------- names

identifier
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    | nonReserved
    ;

// Keywords that may still be used as plain names (a column called "date", an option
// called "topic"). The words that shape statements (AS, IF, NOT, NULL, PRIMARY,
// WATERMARK, WITH, ...) are reserved; quote them to use them as names.
nonReserved
    : CREATE | DROP | STOP | SHOW | DESCRIBE | EXPLAIN | SET | RESET | COPY | INSERT
    | STREAM | TABLE | MATERIALIZED | VIEW | TOPIC | JOB
    | STREAMS | TABLES | VIEWS | TOPICS | JOBS | CONSUMER | GROUPS | SETTINGS
    | SEARCH | SEARCHES | ON | WHERE | CLUSTER
    | EXISTS | KEY | ANALYZE | RESTRICT | CASCADE
    | BOOLEAN | INT | INTEGER | BIGINT | DOUBLE | PRECISION | FLOAT | DECIMAL | NUMERIC
    | VARCHAR | CHAR | CHARACTER | VARYING | STRING | TIMESTAMP | DATE | INTERVAL
    | DAY | SECOND | YEAR | MONTH | TO
    ;

// ---------------------------------------------------------------- lexer
// Token order is the order syntax errors list expected tokens in.

SELECT       : 'select' ;
INSERT       : 'insert' ;
CREATE       : 'create' ;
DROP         : 'drop' ;
STOP         : 'stop' ;
SHOW         : 'show' ;
DESCRIBE     : 'describe' ;
EXPLAIN      : 'explain' ;
SET          : 'set' ;
RESET        : 'reset' ;
COPY         : 'copy' ;
VALUES       : 'values' ;
WITH         : 'with' ;

STREAM       : 'stream' ;
TABLE        : 'table' ;
STREAMS      : 'streams' ;
TABLES       : 'tables' ;
MATERIALIZED : 'materialized' ;
VIEW         : 'view' ;
VIEWS        : 'views' ;
TOPIC        : 'topic' ;
TOPICS       : 'topics' ;
JOB          : 'job' ;
JOBS         : 'jobs' ;
CONSUMER     : 'consumer' ;
GROUPS       : 'groups' ;
SETTINGS     : 'settings' ;
CLUSTER      : 'cluster' ;
SEARCH       : 'search' ;
SEARCHES     : 'searches' ;
ON           : 'on' ;
WHERE        : 'where' ;

IF           : 'if' ;
NOT          : 'not' ;
EXISTS       : 'exists' ;
NULL         : 'null' ;
PRIMARY      : 'primary' ;
KEY          : 'key' ;
WATERMARK    : 'watermark' ;
FOR          : 'for' ;
AS           : 'as' ;
INTO         : 'into' ;
FROM         : 'from' ;
ANALYZE      : 'analyze' ;
RESTRICT     : 'restrict' ;
CASCADE      : 'cascade' ;
TRUE         : 'true' ;
FALSE        : 'false' ;

BOOLEAN      : 'boolean' ;
INT          : 'int' ;
INTEGER      : 'integer' ;
BIGINT       : 'bigint' ;
DOUBLE       : 'double' ;
PRECISION    : 'precision' ;
FLOAT        : 'float' ;
DECIMAL      : 'decimal' ;
NUMERIC      : 'numeric' ;
VARCHAR      : 'varchar' ;
CHAR         : 'char' ;
CHARACTER    : 'character' ;
VARYING      : 'varying' ;
STRING       : 'string' ;
TIMESTAMP    : 'timestamp' ;
DATE         : 'date' ;
INTERVAL     : 'interval' ;
DAY          : 'day' ;
SECOND       : 'second' ;
YEAR         : 'year' ;
MONTH        : 'month' ;
TO           : 'to' ;

LPAREN       : '(' ;
RPAREN       : ')' ;
COMMA        : ',' ;
DOT          : '.' ;
EQ           : '=' ;
MINUS        : '-' ;
PLUS         : '+' ;

STRING_LITERAL        : '\'' ( ~'\'' | '\'\'' )* '\'' ;
QUOTED_IDENTIFIER     : '"' ( ~'"' | '""' )* '"' ;
// Not a Runnel name (Calcite is configured for double quotes); lexed whole so the
// error can say so instead of stumbling over the characters inside.
BACKQUOTED_IDENTIFIER : '`' ( ~'`' | '``' )* '`' ;

INTEGER_VALUE : DIGIT+ ;
DECIMAL_VALUE
    : DIGIT+ '.' DIGIT* EXPONENT?
    | '.' DIGIT+ EXPONENT?
    | DIGIT+ EXPONENT
    ;

IDENTIFIER : [\p{L}_] [\p{L}\p{N}_$]* ;

LINE_COMMENT  : '--' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS            : [ \t\r\n\f]+ -> skip ;

// Anything else is one token of its own, so lexing never fails and the text of a query
// (operators, parameters, brackets) reaches Calcite untouched.
ANY : . ;

fragment DIGIT    : [0-9] ;
fragment EXPONENT : 'e' [+-]? DIGIT+ ;
